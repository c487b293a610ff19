import type { KeyObject } from 'node:crypto';
import { sign, verify, type JwtPayload } from 'jsonwebtoken';
import { isNotAPerson, notAPerson, personId } from '@hmicfrs/lifecycle';
import { isRole, type Actor } from './role';

const ALGORITHM = 'HS256';
const ISSUER = 'hmicfrs-recommendations';

/**
 * Who a token is for: the JSON API's bearer tokens, or the web pages' session cookie. Each is read for
 * its own audience only, so neither works as the other even if the two secrets were ever the same.
 */
export type TokenAudience = 'api' | 'pages';

/** The longest an HS256 token may live: a bearer token from `cli token` is for a local run, not for keeps. */
export const MAX_TOKEN_SECONDS = 30 * 24 * 60 * 60;

/** The bearer token was missing, malformed, expired or signed with another secret. */
export class InvalidToken extends Error {
  constructor(reason: string) {
    super(`Invalid bearer token: ${reason}`);
    this.name = 'InvalidToken';
  }
}

/** Every token carries an expiry: at most `MAX_TOKEN_SECONDS` ahead. */
export function issueToken(
  actor: Actor,
  secret: string,
  expiresInSeconds = 8 * 60 * 60,
  audience: TokenAudience = 'api',
  tokenId?: string,
): string {
  if (!(expiresInSeconds <= MAX_TOKEN_SECONDS)) throw new RangeError(`A token lives at most ${MAX_TOKEN_SECONDS} seconds (30 days)`);
  return sign({ role: actor.role }, secret, {
    algorithm: ALGORITHM,
    subject: personId(actor.userId),
    issuer: ISSUER,
    audience,
    expiresIn: expiresInSeconds,
    ...(tokenId === undefined ? {} : { jwtid: tokenId }),
  });
}

/** `secret` may be a KeyObject made once (`createSecretKey`): jsonwebtoken otherwise rebuilds one per call. */
export function readToken(token: string, secret: string | KeyObject, audience: TokenAudience = 'api'): Actor {
  return readTokenWithId(token, secret, audience).actor;
}

/** As `readToken`, with the token's id (`jti`) where it carries one: a session's id. */
export function readTokenWithId(
  token: string,
  secret: string | KeyObject,
  audience: TokenAudience = 'api',
): { actor: Actor; tokenId: string | undefined } {
  const { actor, tokenId } = readTokenWithExpiry(token, secret, audience);
  return { actor, tokenId };
}

/** As `readTokenWithId`, with its expiry (`exp`, in seconds since the epoch). */
export function readTokenWithExpiry(
  token: string,
  secret: string | KeyObject,
  audience: TokenAudience = 'api',
): { actor: Actor; tokenId: string | undefined; expiresAt: number } {
  let payload: string | JwtPayload;
  try {
    payload = verify(token, secret, { algorithms: [ALGORITHM], issuer: ISSUER, audience });
  } catch (error) {
    throw new InvalidToken((error as Error).message);
  }
  if (typeof payload === 'string' || !payload.sub) throw new InvalidToken('it names no user');
  // A token that never expires is never accepted, whoever signed it.
  if (typeof payload.exp !== 'number') throw new InvalidToken('it has no expiry (exp)');
  if (!isRole(payload.role)) throw new InvalidToken(`unknown role ${JSON.stringify(payload.role)}`);
  // Normalised once, here where the person enters: every rule after compares people, not letters.
  const actor: Actor = { userId: personId(payload.sub), role: payload.role };
  if (isNotAPerson(actor.userId)) throw new InvalidToken(notAPerson(actor.userId));
  return { actor, tokenId: typeof payload.jti === 'string' ? payload.jti : undefined, expiresAt: payload.exp };
}
