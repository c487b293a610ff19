import { randomUUID, type KeyObject } from 'node:crypto';
import { NotSignedIn } from './not-signed-in';
import type { Actor } from './role';
import { InvalidToken, issueToken, readTokenWithId } from './tokens';

/** The cookie that keeps a web page user signed in. Its value is a token signed with the session secret. */
export const SESSION_COOKIE = 'session';

/** A working day: long enough for a board meeting, short enough that a forgotten browser signs itself out. */
export const SESSION_SECONDS = 8 * 60 * 60;

/** A new random session id at every sign-in, carried in the cookie (`jti`): what revocation and the CSRF token will bind to. */
export function issueSession(actor: Actor, secret: string, sessionId: string = randomUUID()): string {
  return issueToken(actor, secret, SESSION_SECONDS, 'pages', sessionId);
}

export function readSession(cookie: string | undefined, key: string | KeyObject): Actor {
  return readSessionWithId(cookie, key).actor;
}

/** The signed-in person and the session's id; a session cookie without an id is no session. */
export function readSessionWithId(cookie: string | undefined, key: string | KeyObject): { actor: Actor; sessionId: string } {
  if (!cookie) throw new NotSignedIn('there is no session');
  try {
    const { actor, tokenId } = readTokenWithId(cookie, key, 'pages');
    if (!tokenId) throw new NotSignedIn('the session has no id; sign in again');
    return { actor, sessionId: tokenId };
  } catch (error) {
    if (error instanceof InvalidToken) throw new NotSignedIn('the session has expired or is not valid');
    throw error;
  }
}
