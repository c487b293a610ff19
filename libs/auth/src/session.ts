import type { KeyObject } from 'node:crypto';
import { NotSignedIn } from './not-signed-in';
import type { Actor } from './role';
import { InvalidToken, issueToken, readToken } from './tokens';

/** The cookie that keeps a web page user signed in. Its value is a token signed with the session secret. */
export const SESSION_COOKIE = 'session';

/** A working day: long enough for a board meeting, short enough that a forgotten browser signs itself out. */
export const SESSION_SECONDS = 8 * 60 * 60;

export function issueSession(actor: Actor, secret: string): string {
  return issueToken(actor, secret, SESSION_SECONDS, 'pages');
}

export function readSession(cookie: string | undefined, key: string | KeyObject): Actor {
  if (!cookie) throw new NotSignedIn('there is no session');
  try {
    return readToken(cookie, key, 'pages');
  } catch (error) {
    if (error instanceof InvalidToken) throw new NotSignedIn('the session has expired or is not valid');
    throw error;
  }
}
