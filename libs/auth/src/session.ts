import { randomUUID, type KeyObject } from 'node:crypto';
import { JsonWebTokenError, verify } from 'jsonwebtoken';
import { NotSignedIn } from './not-signed-in';
import type { Actor } from './role';
import { InvalidToken, issueToken, readTokenWithId } from './tokens';

/** The cookie that keeps a web page user signed in. Its value is a token signed with the session secret. */
export const SESSION_COOKIE = 'session';

/** A working day (SESSION_MAX_HOURS by default): long enough for a board meeting, short enough that a forgotten browser signs itself out. */
export const SESSION_SECONDS = 8 * 60 * 60;

/**
 * A new random session id at every sign-in, carried in the cookie (`jti`): what revocation
 * (`LiveSessions`) and the CSRF token are bound to. `seconds`: the session's longest life.
 */
export function issueSession(actor: Actor, secret: string, sessionId: string = randomUUID(), seconds: number = SESSION_SECONDS): string {
  return issueToken(actor, secret, seconds, 'pages', sessionId);
}

/**
 * The id of the session a genuine session cookie names, expired or not, or '' for none: what a page's
 * CSRF token is bound to, so that a token made in one session is refused in another. Expiry is not
 * looked at: a form shown just before the cookie expired is refused by the guard, not as a forgery.
 */
export function sessionIdIn(cookie: string | undefined, key: string | KeyObject): string {
  if (!cookie) return '';
  try {
    const payload = verify(cookie, key, { algorithms: ['HS256'], audience: 'pages', ignoreExpiration: true });
    return typeof payload === 'object' && typeof payload.jti === 'string' ? payload.jti : '';
  } catch (error) {
    // A forged or foreign cookie names no session: its forms are bound to none.
    if (error instanceof JsonWebTokenError) return '';
    throw error;
  }
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
