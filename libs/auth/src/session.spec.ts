import { NotSignedIn } from './not-signed-in';
import { issueSession, readSession, readSessionWithId, sessionIdIn } from './session';
import { issueToken, readToken } from './tokens';

describe("the web pages' session", () => {
  const secret = 'a-session-secret-that-is-long-enough-0123';

  it('names the user and role it was issued for', () => {
    expect(readSession(issueSession({ userId: 'dcc-green', role: 'dcc' }, secret), secret)).toEqual({ userId: 'dcc-green', role: 'dcc' });
  });

  it('is no session when missing, expired, or signed with another secret (a bearer token is not a session)', () => {
    expect(() => readSession(undefined, secret)).toThrow(NotSignedIn);
    expect(() => readSession(issueToken({ userId: 'x', role: 'owner' }, secret, -10), secret)).toThrow(/expired or is not valid/);
    expect(() => readSession(issueSession({ userId: 'x', role: 'owner' }, `${secret}-other`), secret)).toThrow(NotSignedIn);
  });

  it('is never a bearer token, nor a bearer token a session, even signed with the same secret', () => {
    expect(() => readSession(issueToken({ userId: 'x', role: 'owner' }, secret), secret)).toThrow(NotSignedIn);
    expect(() => readToken(issueSession({ userId: 'x', role: 'owner' }, secret), secret)).toThrow(/audience/);
  });

  it('carries a new random session id at every sign-in, and a cookie without one is no session', () => {
    const actor = { userId: 'dcc-green', role: 'dcc' as const };
    const first = readSessionWithId(issueSession(actor, secret), secret);
    const second = readSessionWithId(issueSession(actor, secret), secret);
    expect(first.actor).toEqual(actor);
    expect(first.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(() => readSessionWithId(issueToken(actor, secret, 60, 'pages'), secret)).toThrow(/no id/);
  });

  it("names the session a genuine cookie carries, for the CSRF token's binding; a forged or foreign one names none", () => {
    const actor = { userId: 'dcc-green', role: 'dcc' as const };
    expect(sessionIdIn(issueSession(actor, secret, 'session-1'), secret)).toBe('session-1');
    expect(sessionIdIn(issueSession(actor, 'another-secret-of-enough-length-0123456789', 'session-1'), secret)).toBe('');
    expect(sessionIdIn(issueToken(actor, secret, 60, 'api', 'session-1'), secret)).toBe('');
    expect(sessionIdIn('not-a-token', secret)).toBe('');
    expect(sessionIdIn(undefined, secret)).toBe('');
  });
});
