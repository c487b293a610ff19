import { InvalidConfiguration, loadConfig } from './app-config';

describe('configuration', () => {
  it('defaults to a safe local run: loopback, port 3000, ./data, the embedded store', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: './data', PROJECTOR: true });
    expect(config.EVENTSTORE_CONNECTION_STRING).toBeUndefined();
  });

  it('times slow and idle clients out by default, and refuses headers that could outlast the whole request', () => {
    expect(loadConfig({})).toMatchObject({
      HTTP_HEADERS_TIMEOUT_SECONDS: 10,
      HTTP_REQUEST_TIMEOUT_SECONDS: 120,
      HTTP_IDLE_TIMEOUT_SECONDS: 5,
    });
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_SECONDS: '30', HTTP_REQUEST_TIMEOUT_SECONDS: '10' })).toThrow(
      /HTTP_HEADERS_TIMEOUT_SECONDS \(30\) must not be longer than HTTP_REQUEST_TIMEOUT_SECONDS \(10\)/,
    );
    expect(() => loadConfig({ HTTP_IDLE_TIMEOUT_SECONDS: '0' })).toThrow(/HTTP_IDLE_TIMEOUT_SECONDS must be at least 1/);
  });

  it('times sessions out: idle for 30 minutes, 8 hours at most by default, each configurable and checked', () => {
    expect(loadConfig({})).toMatchObject({ SESSION_IDLE_MINUTES: 30, SESSION_MAX_HOURS: 8 });
    expect(loadConfig({ SESSION_IDLE_MINUTES: '15', SESSION_MAX_HOURS: '12' })).toMatchObject({
      SESSION_IDLE_MINUTES: 15,
      SESSION_MAX_HOURS: 12,
    });
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES must be at least 1/);
    expect(() => loadConfig({ SESSION_MAX_HOURS: '721' })).toThrow(/SESSION_MAX_HOURS must be at most 720/);
  });

  it('bounds imports: 20,000 rows and 100 MB inflated by default, each configurable and checked', () => {
    expect(loadConfig({})).toMatchObject({ IMPORT_MAX_ROWS: 20_000, IMPORT_MAX_UNZIPPED_MB: 100 });
    expect(loadConfig({ IMPORT_MAX_ROWS: '500', IMPORT_MAX_UNZIPPED_MB: '20' })).toMatchObject({
      IMPORT_MAX_ROWS: 500,
      IMPORT_MAX_UNZIPPED_MB: 20,
    });
    expect(() => loadConfig({ IMPORT_MAX_ROWS: '0' })).toThrow(/IMPORT_MAX_ROWS must be at least 1/);
    expect(() => loadConfig({ IMPORT_MAX_ROWS: 'many' })).toThrow(/IMPORT_MAX_ROWS must be a whole number of rows/);
    expect(() => loadConfig({ IMPORT_MAX_UNZIPPED_MB: '4096' })).toThrow(/IMPORT_MAX_UNZIPPED_MB must be at most 2048/);
  });

  it('names every bad variable and what it should be', () => {
    let refusal: unknown;
    try {
      loadConfig({ PORT: 'eighty', EVENTSTORE_CONNECTION_STRING: 'http://x', LOG_LEVEL: 'loud' });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(InvalidConfiguration);
    const message = (refusal as Error).message;
    expect(message).toContain('PORT must be a whole number (got "eighty")');
    expect(message).toContain('EVENTSTORE_CONNECTION_STRING must look like esdb://');
    expect(message).toContain('LOG_LEVEL must be one of');
  });

  it('never echoes a secret back when refusing it', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short-secret' })).toThrow(/JWT_SECRET must be at least 32 bytes \(got a value of 12 bytes\)/);
    expect(() => loadConfig({ JWT_SECRET: 'short-secret' })).not.toThrow(/short-secret/);
  });

  it("checks the web pages' settings: a session secret long enough, a users file that is JSON", () => {
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET must be at least 32 bytes \(got a value of 5 bytes\)/);
    expect(() => loadConfig({ USERS_FILE: 'users.txt' })).toThrow(/USERS_FILE must be the path of a .json file/);
    expect(loadConfig({ USERS_FILE: '/etc/hmicfrs/users.json' }).USERS_FILE).toBe('/etc/hmicfrs/users.json');
  });

  it("checks the reminders' settings, and never echoes an SMTP password", () => {
    expect(loadConfig({})).toMatchObject({
      REMINDERS_DAILY_AT: '07:00',
      REMINDER_DUE_SOON_DAYS: 14,
      REMINDER_APPROVAL_WAIT_DAYS: 14,
      REMINDER_REVIEW_MONTHS: 3,
    });
    expect(loadConfig({ REMINDERS_DAILY_AT: 'off' }).REMINDERS_DAILY_AT).toBe('off');
    expect(() => loadConfig({ REMINDERS_DAILY_AT: '7am' })).toThrow(/REMINDERS_DAILY_AT must be a time as HH:MM \(UTC\) or off/);
    expect(() => loadConfig({ REMINDER_DUE_SOON_DAYS: 'soon' })).toThrow(/REMINDER_DUE_SOON_DAYS must be a whole number of days/);
    expect(() => loadConfig({ SMTP_URL: 'http://user:hunter2@mail' })).toThrow(/SMTP_URL must look like smtp:/);
    expect(() => loadConfig({ SMTP_URL: 'http://user:hunter2@mail' })).not.toThrow(/hunter2/);
  });

  it('ignores everything else in the environment', () => {
    expect(() => loadConfig({ PATH: '/usr/bin', HOME: '/root', PORT: '8080' })).not.toThrow();
    expect(loadConfig({ PORT: '8080' }).PORT).toBe(8080);
  });

  it('counts a secret in bytes, and refuses one secret for both tokens and sessions', () => {
    const same = 'x'.repeat(40);
    expect(() => loadConfig({ JWT_SECRET: same, SESSION_SECRET: same })).toThrow(/JWT_SECRET and SESSION_SECRET must be different secrets/);
    expect(() => loadConfig({ JWT_SECRET: same, SESSION_SECRET: same })).not.toThrow(/xxxx/);
    expect(loadConfig({ JWT_SECRET: 'é'.repeat(16) }).JWT_SECRET).toBe('é'.repeat(16));
    expect(() => loadConfig({ JWT_SECRET: 'x'.repeat(31) })).toThrow(/at least 32 bytes/);
  });
});

describe('sign-in settings', () => {
  const oidc = {
    OIDC_ISSUER: 'https://login.example.test/tenant/v2.0',
    OIDC_CLIENT_ID: 'client-1',
    OIDC_CLIENT_SECRET: 'a-client-secret',
    OIDC_REDIRECT_URI: 'https://recommendations.force.police.uk/app/sign-in/callback',
  };

  it('a provider needs all its settings, maps roles, and replaces HS256 tokens', () => {
    const config = loadConfig({ ...oidc, HOST: '0.0.0.0', OIDC_ROLE_MAP: 'Rec.Liaison=liaison, Rec.DCC=dcc' });
    expect(config).toMatchObject({
      OIDC_ROLES_CLAIM: 'roles',
      OIDC_ROLE_MAP: { 'Rec.Liaison': 'liaison', 'Rec.DCC': 'dcc' },
      OIDC_CLOCK_SKEW_SECONDS: 60,
    });
    expect(() => loadConfig({ OIDC_ISSUER: oidc.OIDC_ISSUER })).toThrow(/OIDC_CLIENT_ID must be set with the other OIDC_ settings/);
    expect(() => loadConfig({ ...oidc, JWT_SECRET: 'x'.repeat(40) })).toThrow(/JWT_SECRET must not be set with OIDC_ISSUER/);
    expect(() => loadConfig({ ...oidc, OIDC_ROLE_MAP: 'Rec.Boss=chief' })).toThrow(/OIDC_ROLE_MAP must be a comma-separated list/);
    expect(() => loadConfig({ ...oidc, OIDC_CLIENT_SECRET: 'hunter2hunter2' })).not.toThrow();
  });

  it('local sign-in only on loopback, unless forced in so many words', () => {
    expect(() => loadConfig({ HOST: '127.0.0.1' })).not.toThrow();
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST is 0.0.0.0, not a loopback address/);
    expect(() => loadConfig({ HOST: '0.0.0.0', LOCAL_SIGN_IN_ON_ANY_ADDRESS: 'yes' })).toThrow(
      /must be exactly anyone-can-sign-in-as-anyone/,
    );
    expect(() => loadConfig({ HOST: '0.0.0.0', LOCAL_SIGN_IN_ON_ANY_ADDRESS: 'anyone-can-sign-in-as-anyone' })).not.toThrow();
    expect(() => loadConfig({ HOST: '0.0.0.0', JWT_SECRET: 'x'.repeat(40) })).not.toThrow();
  });
});
