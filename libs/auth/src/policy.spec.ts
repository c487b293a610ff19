import { ACTIONS, POLICY, permits } from './policy';
import { ROLES, type Role } from './role';
import { sign } from 'jsonwebtoken';
import { hs256Bearer } from './policy.guard';
import { issueToken, readToken, InvalidToken } from './tokens';

/** The table as the force agreed it: each action, the roles that may take it. */
const EXPECTED: Record<string, Role[]> = {
  'inspection.record': ['liaison'],
  'paper.issue': ['liaison'],
  'recommendation.open': ['liaison'],
  'recommendation.rate': ['owner', 'liaison'],
  'recommendation.note': ['owner', 'liaison', 'dcc', 'hmicfrs'],
  'recommendation.evidence': ['owner', 'liaison'],
  'recommendation.assign': ['liaison'],
  'recommendation.due-date': ['liaison'],
  'recommendation.submit': ['owner', 'liaison'],
  'recommendation.withdraw': ['owner', 'liaison'],
  'recommendation.approve': ['dcc'],
  'recommendation.return': ['dcc'],
  'recommendation.verify': ['hmicfrs'],
  'recommendation.reject': ['hmicfrs'],
  'recommendation.level': ['hmicfrs'],
  'recommendation.archive': ['hmicfrs'],
  'recommendation.reopen': ['hmicfrs'],
  'recommendation.not-applicable': ['liaison', 'hmicfrs'],
  'recommendation.link': ['liaison'],
  'recommendation.read': ['owner', 'liaison', 'dcc', 'hmicfrs', 'auditor'],
  'history.read': ['owner', 'liaison', 'dcc', 'hmicfrs', 'auditor'],
  'evidence.read': ['owner', 'dcc', 'hmicfrs', 'auditor'],
  'approvals.read': ['liaison', 'dcc', 'auditor'],
  'reports.read': ['liaison', 'dcc', 'hmicfrs', 'auditor'],
  'imports.run': ['liaison'],
  'people.add': ['liaison'],
  'people.read': ['owner', 'liaison', 'dcc', 'hmicfrs', 'auditor'],
  'sessions.end-own': ['owner', 'liaison', 'dcc', 'hmicfrs', 'auditor'],
  'sessions.end': ['liaison'],
};

describe('the policy table', () => {
  it('covers exactly the actions the force agreed', () => {
    expect(ACTIONS.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.each(ACTIONS)('%s', (action) => {
    it.each(ROLES)('for %s', (role) => {
      const verdict = permits({ userId: 'u1', role }, action);
      expect(verdict.allowed).toBe(EXPECTED[action].includes(role));
      if (!verdict.allowed) expect(verdict.reason).toContain(`The ${role} role may not`);
    });
  });

  it('never lets an auditor change anything (signing out of their own sessions changes nothing of the record)', () => {
    const writes = ACTIONS.filter((action) => !action.endsWith('.read') && action !== 'sessions.end-own');
    for (const action of writes) expect(permits({ userId: 'a', role: 'auditor' }, action).allowed).toBe(false);
  });

  it('holds owners to their own items, and nobody else', () => {
    const owner = { userId: 'insp-jones', role: 'owner' as const };
    expect(permits(owner, 'recommendation.submit', { owner: 'insp-jones' }).allowed).toBe(true);
    const refused = permits(owner, 'recommendation.submit', { owner: 'supt-patel' });
    expect(refused).toEqual({ allowed: false, reason: expect.stringContaining('insp-jones does not own it') });
    expect(permits({ userId: 'flo', role: 'liaison' }, 'recommendation.submit', { owner: 'supt-patel' }).allowed).toBe(true);
    expect(Object.values(POLICY).some((rule) => 'ownItemsOnly' in rule)).toBe(true);
  });
});

describe('bearer tokens', () => {
  const secret = 'a-test-secret-that-is-long-enough-0123456789';

  it('carry the user and role they were issued for', () => {
    expect(readToken(issueToken({ userId: 'dcc-smith', role: 'dcc' }, secret), secret)).toEqual({ userId: 'dcc-smith', role: 'dcc' });
  });

  it('are refused when signed with another secret, expired or tampered with', () => {
    const token = issueToken({ userId: 'x', role: 'owner' }, secret);
    expect(() => readToken(token, `${secret}-other`)).toThrow(InvalidToken);
    expect(() => readToken(issueToken({ userId: 'x', role: 'owner' }, secret, -10), secret)).toThrow(/expired/);
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'x', role: 'hmicfrs', iss: 'hmicfrs-recommendations' })).toString('base64url');
    expect(() => readToken(`${header}.${forged}.${signature}`, secret)).toThrow(InvalidToken);
  });

  it('always expire: a token without exp is refused, and none is issued for longer than 30 days', () => {
    const forever = sign({ role: 'owner' }, secret, {
      algorithm: 'HS256',
      subject: 'x',
      issuer: 'hmicfrs-recommendations',
      audience: 'api',
    });
    expect(() => readToken(forever, secret)).toThrow(/no expiry/);
    expect(() => issueToken({ userId: 'x', role: 'owner' }, secret, 365 * 24 * 3600)).toThrow(RangeError);
  });

  it('name the person in one spelling: trimmed, lower case', () => {
    expect(readToken(issueToken({ userId: 'DCC-Smith', role: 'dcc' }, secret), secret).userId).toBe('dcc-smith');
  });

  it("never name a part of the system: the reminders' and an import's acts are never a token-holder's", () => {
    for (const userId of ['system:reminders', ' IMPORT:abc:dcc ']) {
      expect(() => readToken(issueToken({ userId, role: 'dcc' }, secret), secret)).toThrow(/names a part of this system, not a person/);
    }
  });

  // The API remembers the tokens it verified: what it remembers must not outlive the token or let another one in.
  describe('as the API reads them, remembering those it verified', () => {
    afterEach(() => jest.restoreAllMocks());

    it('reads the same token alike every time, and refuses it once it has expired', () => {
      const bearer = hs256Bearer(secret);
      const token = issueToken({ userId: 'supt-patel', role: 'owner' }, secret, 60);
      expect(bearer.read(token)).toEqual({ userId: 'supt-patel', role: 'owner' });
      expect(bearer.read(token)).toEqual({ userId: 'supt-patel', role: 'owner' });

      const now = Date.now();
      jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
      expect(() => bearer.read(token)).toThrow(/expired/);
    });

    it('still refuses another secret, a forgery of a remembered token and a token for the pages', () => {
      const bearer = hs256Bearer(secret);
      const token = issueToken({ userId: 'x', role: 'owner' }, secret);
      expect(bearer.read(token)).toEqual({ userId: 'x', role: 'owner' });
      const [header, , signature] = token.split('.');
      const forged = Buffer.from(JSON.stringify({ sub: 'x', role: 'hmicfrs', iss: 'hmicfrs-recommendations', exp: 9e9 })).toString(
        'base64url',
      );
      expect(() => bearer.read(`${header}.${forged}.${signature}`)).toThrow(InvalidToken);
      expect(() => bearer.read(issueToken({ userId: 'x', role: 'owner' }, `${secret}-other`))).toThrow(InvalidToken);
      expect(() => bearer.read(issueToken({ userId: 'x', role: 'owner' }, secret, 60, 'pages'))).toThrow(InvalidToken);
    });
  });
});

describe('owners, compared as people', () => {
  it('an owner whose id differs only in case or spaces still owns the item', () => {
    expect(permits({ userId: 'insp-jones', role: 'owner' }, 'recommendation.rate', { owner: ' INSP-Jones ' }).allowed).toBe(true);
  });
});
