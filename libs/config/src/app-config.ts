import { availableParallelism } from 'node:os';
import { Transform, plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MinLength, Min, ValidateBy, validateSync } from 'class-validator';

const ROLE_NAMES = ['owner', 'liaison', 'dcc', 'hmicfrs', 'auditor'] as const;

/** The one value that turns local sign-in on where anyone on the network can reach it. */
export const LOCAL_SIGN_IN_FORCED = 'anyone-can-sign-in-as-anyone';

/** `A=liaison,B=dcc` as a map, the roles' own names by default; null when it cannot be read. */
function parseRoleMap(value: unknown): Record<string, string> | null {
  if (value === undefined) return Object.fromEntries(ROLE_NAMES.map((role) => [role, role]));
  if (typeof value !== 'string') return null;
  const map: Record<string, string> = {};
  for (const pair of value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [provider, role, ...rest] = pair.split('=').map((part) => part.trim());
    if (!provider || rest.length > 0 || !(ROLE_NAMES as readonly string[]).includes(role)) return null;
    map[provider] = role;
  }
  return Object.keys(map).length === 0 ? null : map;
}

/** A secret is at least this many bytes (UTF-8): 256 bits for HS256 and the cookie signature. */
export const MIN_SECRET_BYTES = 32;

/** At least `MIN_SECRET_BYTES` bytes, counted as the signer uses them (UTF-8), not as characters. */
const LongEnoughSecret = (variable: string) =>
  ValidateBy({
    name: 'longEnoughSecret',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && Buffer.byteLength(value, 'utf8') >= MIN_SECRET_BYTES,
      defaultMessage: () => `${variable} must be at least ${MIN_SECRET_BYTES} bytes`,
    },
  });

/**
 * Every setting the product reads, each named after its environment variable, checked once at
 * start-up. The defaults are safe for a local run: loopback only, data under ./data.
 */
export class AppConfig {
  @Transform(({ value }: { value: unknown }) => (value === undefined ? 3000 : Number(value)))
  @Min(0, { message: 'PORT must be between 0 and 65535' })
  @Max(65535, { message: 'PORT must be between 0 and 65535' })
  // Listed last because it is checked first: a port that is not a number is told just that.
  @IsInt({ message: 'PORT must be a whole number' })
  PORT!: number;

  /** Loopback by default: exposing the API on a network is a decision, not an accident. */
  @Transform(({ value }: { value: unknown }) => value ?? '127.0.0.1')
  @IsString()
  @MinLength(1, { message: 'HOST must not be empty' })
  HOST!: string;

  @Transform(({ value }: { value: unknown }) => value ?? './data')
  @IsString()
  @MinLength(1, { message: 'DATA_DIR must not be empty' })
  DATA_DIR!: string;

  /** When set, events go to EventStoreDB / KurrentDB instead of the embedded SQLite store. */
  @IsOptional()
  @Matches(/^esdb(\+discover)?:\/\/.+/, {
    message: 'EVENTSTORE_CONNECTION_STRING must look like esdb://host:2113?tls=false',
  })
  EVENTSTORE_CONNECTION_STRING?: string;

  /** The HS256 secret for bearer tokens. When unset, a random one is kept in DATA_DIR (local use only). */
  @IsOptional()
  @LongEnoughSecret('JWT_SECRET')
  JWT_SECRET?: string;

  /**
   * The secret that signs the web pages' session cookie (32+ characters). When unset, a random one is
   * kept in DATA_DIR (local use only), as for JWT_SECRET.
   */
  @IsOptional()
  @LongEnoughSecret('SESSION_SECRET')
  SESSION_SECRET?: string;

  /**
   * The users offered on the sign-in page when local sign-in is on (no JWT_SECRET): a JSON list of
   * `{ "id", "name", "role" }`. Default: DATA_DIR/users.json, made with demo users if missing.
   */
  @IsOptional()
  @IsString()
  @Matches(/\.json$/, { message: 'USERS_FILE must be the path of a .json file' })
  USERS_FILE?: string;

  /**
   * The force's OpenID Connect provider (e.g. https://login.microsoftonline.com/<tenant>/v2.0). When set,
   * people sign in there (authorization code with PKCE), API clients send its access tokens, and neither
   * local sign-in nor HS256 tokens are accepted. OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI go with it.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, {
    message: "OIDC_ISSUER must be the provider's issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0",
  })
  OIDC_ISSUER?: string;

  @IsOptional()
  @IsString()
  OIDC_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  OIDC_CLIENT_SECRET?: string;

  /** Where the provider sends people back: this server's /app/sign-in/callback, as registered with the provider. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+\/app\/sign-in\/callback$/, {
    message: "OIDC_REDIRECT_URI must be this server's address ending /app/sign-in/callback",
  })
  OIDC_REDIRECT_URI?: string;

  /** The claim of the ID and access tokens that carries the person's roles (Entra ID: `roles`). */
  @Transform(({ value }: { value: unknown }) => value ?? 'roles')
  @Matches(/^[A-Za-z0-9_.:/-]+$/, { message: 'OIDC_ROLES_CLAIM must be a claim name, e.g. roles' })
  OIDC_ROLES_CLAIM!: string;

  /**
   * The provider's role names and the roles they mean here, e.g.
   * `Recommendations.Liaison=liaison,Recommendations.DCC=dcc`. Default: the roles' own names.
   */
  @Transform(({ value }: { value: unknown }) => parseRoleMap(value))
  @ValidateBy({
    name: 'roleMap',
    validator: {
      validate: (value: unknown) => value !== null,
      defaultMessage: () => `OIDC_ROLE_MAP must be a comma-separated list of <provider role>=<${ROLE_NAMES.join('|')}>`,
    },
  })
  OIDC_ROLE_MAP!: Record<string, string>;

  /** The audience API access tokens must name; default OIDC_CLIENT_ID (Entra ID: api://<client id>). */
  @IsOptional()
  @IsString()
  OIDC_AUDIENCE?: string;

  /** How far the provider's clock may be from ours when checking a token's times, in seconds. */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? 60 : Number(value)))
  @Min(0, { message: 'OIDC_CLOCK_SKEW_SECONDS must be between 0 and 300' })
  @Max(300, { message: 'OIDC_CLOCK_SKEW_SECONDS must be between 0 and 300' })
  @IsInt({ message: 'OIDC_CLOCK_SKEW_SECONDS must be a whole number of seconds' })
  OIDC_CLOCK_SKEW_SECONDS!: number;

  /**
   * Local sign-in (choose a user, no password) is on only without a provider and on a loopback address.
   * On any other address start-up is refused, unless this says exactly `anyone-can-sign-in-as-anyone`.
   */
  @IsOptional()
  @IsIn([LOCAL_SIGN_IN_FORCED], { message: `LOCAL_SIGN_IN_ON_ANY_ADDRESS, when set, must be exactly ${LOCAL_SIGN_IN_FORCED}` })
  LOCAL_SIGN_IN_ON_ANY_ADDRESS?: string;

  @Transform(({ value }: { value: unknown }) => value ?? 'info')
  @IsIn(['error', 'warn', 'info', 'debug'], { message: 'LOG_LEVEL must be one of error, warn, info, debug' })
  LOG_LEVEL!: 'error' | 'warn' | 'info' | 'debug';

  /** When the API runs the reminders each day (HH:MM, UTC), or `off`. The first run is at the next such time, never at start-up. */
  @Transform(({ value }: { value: unknown }) => value ?? '07:00')
  @Matches(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, { message: 'REMINDERS_DAILY_AT must be a time as HH:MM (UTC) or off' })
  REMINDERS_DAILY_AT!: string;

  /** Owners are reminded of items due within this many days. */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? 14 : Number(value)))
  @Min(1, { message: 'REMINDER_DUE_SOON_DAYS must be at least 1' })
  @IsInt({ message: 'REMINDER_DUE_SOON_DAYS must be a whole number of days' })
  REMINDER_DUE_SOON_DAYS!: number;

  /** A submission waiting on the DCC longer than this many days is escalated. */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? 14 : Number(value)))
  @Min(1, { message: 'REMINDER_APPROVAL_WAIT_DAYS must be at least 1' })
  @IsInt({ message: 'REMINDER_APPROVAL_WAIT_DAYS must be a whole number of days' })
  REMINDER_APPROVAL_WAIT_DAYS!: number;

  /** An item not RAG rated for this many months is due a review, and its owner is told. */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? 3 : Number(value)))
  @Min(1, { message: 'REMINDER_REVIEW_MONTHS must be at least 1' })
  @IsInt({ message: 'REMINDER_REVIEW_MONTHS must be a whole number of months' })
  REMINDER_REVIEW_MONTHS!: number;

  /** When set, reminders are e-mailed through this server (smtp://user:pass@host:587 or smtps://…); otherwise they go to the log and the outbox only. */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must look like smtp://user:password@host:587 or smtps://…' })
  SMTP_URL?: string;

  /** The sender of reminder e-mails. */
  @Transform(({ value }: { value: unknown }) => value ?? 'hmicfrs-recommendations@localhost')
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'SMTP_FROM must be an e-mail address' })
  SMTP_FROM!: string;

  /** Reminders go to <user id>@this domain (and <role>@ it where no user is named), e.g. force.police.uk. */
  @Transform(({ value }: { value: unknown }) => value ?? 'localhost')
  @Matches(/^[A-Za-z0-9.-]+$/, { message: 'SMTP_TO_DOMAIN must be a domain name, e.g. force.police.uk' })
  SMTP_TO_DOMAIN!: string;

  /** The most an evidence document may be, in megabytes (25 by default). */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? 25 : Number(value)))
  @Min(1, { message: 'EVIDENCE_MAX_MB must be at least 1' })
  @Max(1024, { message: 'EVIDENCE_MAX_MB must be at most 1024' })
  @IsInt({ message: 'EVIDENCE_MAX_MB must be a whole number of megabytes' })
  EVIDENCE_MAX_MB!: number;

  /**
   * The media types evidence may be, as read from the bytes, comma-separated. Unset: PDF, Word, Excel,
   * PowerPoint, OpenDocument, PNG, JPEG, plain text and e-mail (`DEFAULT_EVIDENCE_TYPES` in libs/evidence).
   */
  @IsOptional()
  @Matches(/^[a-z0-9.+-]+\/[a-z0-9.+-]+(,[a-z0-9.+-]+\/[a-z0-9.+-]+)*$/, {
    message: 'EVIDENCE_TYPES must be media types separated by commas, e.g. application/pdf,image/png',
  })
  EVIDENCE_TYPES?: string;
  /** The Ed25519 private key (PEM; `\n` may stand for line breaks) that signs the history's checkpoints. */
  @IsOptional()
  @Matches(/-----BEGIN PRIVATE KEY-----/, {
    message: 'SEAL_PRIVATE_KEY must be an Ed25519 private key in PEM (-----BEGIN PRIVATE KEY-----)',
  })
  SEAL_PRIVATE_KEY?: string;

  /** A PEM file holding that key, readable by its owner only. Neither set: DATA_DIR/.seal-key.pem, made on a first local run. */
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'SEAL_PRIVATE_KEY_FILE must be the path of a PEM file' })
  SEAL_PRIVATE_KEY_FILE?: string;

  /** The API seals the history once this many events are not yet sealed (and a checkpoint covers at most this many). */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? 1000 : Number(value)))
  @Min(1, { message: 'SEAL_EVERY_EVENTS must be at least 1' })
  @IsInt({ message: 'SEAL_EVERY_EVENTS must be a whole number of events' })
  SEAL_EVERY_EVENTS!: number;

  /** …and at least this often while any are (minutes; 0: by count only). */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? 5 : Number(value)))
  @Min(0, { message: 'SEAL_EVERY_MINUTES must be 0 or more' })
  @IsInt({ message: 'SEAL_EVERY_MINUTES must be a whole number of minutes' })
  SEAL_EVERY_MINUTES!: number;

  /** Whether the API runs the sealer in-process (the default) or leaves it to `cli seal`. */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? true : value === 'true' || value === '1'))
  @IsIn([true, false], { message: 'SEALER must be true or false' })
  SEALER!: boolean;

  /** How long a client has to send a request's headers, in seconds; a connection that has not is closed (slow-header attacks). */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? 10 : Number(value)))
  @Min(1, { message: 'HTTP_HEADERS_TIMEOUT_SECONDS must be at least 1' })
  @IsInt({ message: 'HTTP_HEADERS_TIMEOUT_SECONDS must be a whole number of seconds' })
  HTTP_HEADERS_TIMEOUT_SECONDS!: number;

  /** How long a client has to send a whole request, headers and body, in seconds: a 20 MB register over a slow line fits in the default. */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? 120 : Number(value)))
  @Min(1, { message: 'HTTP_REQUEST_TIMEOUT_SECONDS must be at least 1' })
  @IsInt({ message: 'HTTP_REQUEST_TIMEOUT_SECONDS must be a whole number of seconds' })
  HTTP_REQUEST_TIMEOUT_SECONDS!: number;

  /** How long a kept-alive connection may sit idle between requests before it is closed, in seconds. */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? 5 : Number(value)))
  @Min(1, { message: 'HTTP_IDLE_TIMEOUT_SECONDS must be at least 1' })
  @IsInt({ message: 'HTTP_IDLE_TIMEOUT_SECONDS must be a whole number of seconds' })
  HTTP_IDLE_TIMEOUT_SECONDS!: number;

  /** How long a web page session may sit unused before it is ended, in minutes. */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? 30 : Number(value)))
  @Min(1, { message: 'SESSION_IDLE_MINUTES must be at least 1' })
  @Max(24 * 60, { message: 'SESSION_IDLE_MINUTES must be at most 1440 (a day)' })
  @IsInt({ message: 'SESSION_IDLE_MINUTES must be a whole number of minutes' })
  SESSION_IDLE_MINUTES!: number;

  /** The longest a web page session lives, however busy, in hours (the session cookie's lifetime too). */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? 8 : Number(value)))
  @Min(1, { message: 'SESSION_MAX_HOURS must be at least 1' })
  @Max(30 * 24, { message: 'SESSION_MAX_HOURS must be at most 720 (30 days)' })
  @IsInt({ message: 'SESSION_MAX_HOURS must be a whole number of hours' })
  SESSION_MAX_HOURS!: number;

  /** The most item rows one import may hold (CSV or XLSX); a file with more is refused whole, nothing written. */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? 20_000 : Number(value)))
  @Min(1, { message: 'IMPORT_MAX_ROWS must be at least 1' })
  @Max(1_000_000, { message: 'IMPORT_MAX_ROWS must be at most 1000000' })
  @IsInt({ message: 'IMPORT_MAX_ROWS must be a whole number of rows' })
  IMPORT_MAX_ROWS!: number;

  /** The most an XLSX workbook may inflate to, in megabytes (100 by default): a zip bomb is refused before it is opened. */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? 100 : Number(value)))
  @Min(1, { message: 'IMPORT_MAX_UNZIPPED_MB must be at least 1' })
  @Max(2048, { message: 'IMPORT_MAX_UNZIPPED_MB must be at most 2048' })
  @IsInt({ message: 'IMPORT_MAX_UNZIPPED_MB must be a whole number of megabytes' })
  IMPORT_MAX_UNZIPPED_MB!: number;

  /** Whether the API runs the projector in-process (the default) or leaves it to `cli project`. */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? true : value === 'true' || value === '1'))
  @IsIn([true, false], { message: 'PROJECTOR must be true or false' })
  PROJECTOR!: boolean;

  /**
   * How many worker threads draw up exports and JAC reports, each on its own read-only connection, so
   * that commands never wait on them; 0: on the request thread. Default: one fewer than the cores, at least one.
   */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? Math.max(1, availableParallelism() - 1) : Number(value)))
  @Min(0, { message: 'READ_WORKERS must be at least 0' })
  @Max(64, { message: 'READ_WORKERS must be at most 64' })
  @IsInt({ message: 'READ_WORKERS must be a whole number of threads' })
  READ_WORKERS!: number;
}

/** Start-up refused: every bad variable is named, with what it should be. */
export class InvalidConfiguration extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidConfiguration';
  }
}

export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const known = Object.fromEntries(CONFIG_VARIABLES.map((key) => [key, env[key] === '' ? undefined : env[key]]));
  const config = plainToInstance(AppConfig, known);
  const errors = validateSync(config, { forbidUnknownValues: true, stopAtFirstError: true });
  const problems = errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `${message} (got ${shown(error.property, env)})`),
  );
  // One secret for both would let a bearer token pass for a session cookie's signature, and the other way round.
  if (config.JWT_SECRET !== undefined && config.JWT_SECRET === config.SESSION_SECRET) {
    problems.push('JWT_SECRET and SESSION_SECRET must be different secrets (they are the same)');
  }
  // Node refuses to start a server whose headers may take longer than the whole request.
  if (config.HTTP_HEADERS_TIMEOUT_SECONDS > config.HTTP_REQUEST_TIMEOUT_SECONDS) {
    problems.push(
      `HTTP_HEADERS_TIMEOUT_SECONDS (${config.HTTP_HEADERS_TIMEOUT_SECONDS}) must not be longer than HTTP_REQUEST_TIMEOUT_SECONDS (${config.HTTP_REQUEST_TIMEOUT_SECONDS})`,
    );
  }
  problems.push(...oidcProblems(config), ...localSignInProblems(config));
  if (problems.length > 0) throw new InvalidConfiguration(problems);
  return config;
}

/** A provider needs all of its settings; HS256 tokens are for runs without one. */
function oidcProblems(config: AppConfig): string[] {
  const needed = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const;
  const set = needed.filter((name) => config[name] !== undefined);
  if (set.length === 0) return [];
  const missing = needed.filter((name) => config[name] === undefined);
  const problems = missing.map(
    (name) => `${name} must be set with the other OIDC_ settings (${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set)`,
  );
  if (config.JWT_SECRET !== undefined)
    problems.push("JWT_SECRET must not be set with OIDC_ISSUER: API clients then send the provider's access tokens");
  return problems;
}

/** Loopback: 127.0.0.0/8, ::1, localhost. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Whether people choose who they are from a list (no provider, no JWT_SECRET): the demo and local runs only. */
export function localSignInIsOn(config: AppConfig): boolean {
  return config.OIDC_ISSUER === undefined && config.JWT_SECRET === undefined;
}

function localSignInProblems(config: AppConfig): string[] {
  if (!localSignInIsOn(config) || isLoopback(config.HOST) || config.LOCAL_SIGN_IN_ON_ANY_ADDRESS === LOCAL_SIGN_IN_FORCED) return [];
  return [
    `HOST is ${config.HOST}, not a loopback address, and no sign-in is configured: anyone who reached the server could sign in as anyone. ` +
      `Configure OIDC_ISSUER (see the README, "Signing in"), or listen on 127.0.0.1, or set LOCAL_SIGN_IN_ON_ANY_ADDRESS=${LOCAL_SIGN_IN_FORCED}`,
  ];
}

/** The variables read; nothing else in the environment reaches validation. */
const CONFIG_VARIABLES = [
  'PORT',
  'HOST',
  'DATA_DIR',
  'EVENTSTORE_CONNECTION_STRING',
  'JWT_SECRET',
  'SESSION_SECRET',
  'USERS_FILE',
  'OIDC_ISSUER',
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
  'OIDC_REDIRECT_URI',
  'OIDC_ROLES_CLAIM',
  'OIDC_ROLE_MAP',
  'OIDC_AUDIENCE',
  'OIDC_CLOCK_SKEW_SECONDS',
  'LOCAL_SIGN_IN_ON_ANY_ADDRESS',
  'LOG_LEVEL',
  'PROJECTOR',
  'READ_WORKERS',
  'HTTP_HEADERS_TIMEOUT_SECONDS',
  'HTTP_REQUEST_TIMEOUT_SECONDS',
  'HTTP_IDLE_TIMEOUT_SECONDS',
  'SESSION_IDLE_MINUTES',
  'SESSION_MAX_HOURS',
  'REMINDERS_DAILY_AT',
  'REMINDER_DUE_SOON_DAYS',
  'REMINDER_APPROVAL_WAIT_DAYS',
  'REMINDER_REVIEW_MONTHS',
  'SMTP_URL',
  'SMTP_FROM',
  'SMTP_TO_DOMAIN',
  'EVIDENCE_MAX_MB',
  'IMPORT_MAX_ROWS',
  'IMPORT_MAX_UNZIPPED_MB',
  'EVIDENCE_TYPES',
  'SEAL_PRIVATE_KEY',
  'SEAL_PRIVATE_KEY_FILE',
  'SEAL_EVERY_EVENTS',
  'SEAL_EVERY_MINUTES',
  'SEALER',
] as const satisfies readonly (keyof AppConfig)[];

/** What a refusal may echo back: never a secret. */
function shown(variable: string, env: Record<string, string | undefined>): string {
  const value = env[variable];
  if (
    (variable === 'JWT_SECRET' || variable === 'SESSION_SECRET' || variable === 'OIDC_CLIENT_SECRET' || variable === 'SEAL_PRIVATE_KEY') &&
    value !== undefined
  )
    return `a value of ${Buffer.byteLength(value, 'utf8')} bytes`;
  // An SMTP URL may carry a password.
  if (variable === 'SMTP_URL' && value !== undefined) return JSON.stringify(value.replace(/\/\/[^@/]*@/, '//…@'));
  return JSON.stringify(value);
}
