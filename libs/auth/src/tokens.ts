import type { KeyObject } from 'node:crypto';
import { sign, verify, type JwtPayload } from 'jsonwebtoken';
import { personId } from '@hmicfrs/lifecycle';
import { isRole, type Actor } from './role';

const ALGORITHM = 'HS256';
const ISSUER = 'hmicfrs-recommendations';

/** The bearer token was missing, malformed, expired or signed with another secret. */
export class InvalidToken extends Error {
  constructor(reason: string) {
    super(`Invalid bearer token: ${reason}`);
    this.name = 'InvalidToken';
  }
}

export function issueToken(actor: Actor, secret: string, expiresInSeconds = 8 * 60 * 60): string {
  return sign({ role: actor.role }, secret, {
    algorithm: ALGORITHM,
    subject: actor.userId,
    issuer: ISSUER,
    expiresIn: expiresInSeconds,
  });
}

/** `secret` may be a KeyObject made once (`createSecretKey`): jsonwebtoken otherwise rebuilds one per call. */
export function readToken(token: string, secret: string | KeyObject): Actor {
  let payload: string | JwtPayload;
  try {
    payload = verify(token, secret, { algorithms: [ALGORITHM], issuer: ISSUER });
  } catch (error) {
    throw new InvalidToken((error as Error).message);
  }
  if (typeof payload === 'string' || !payload.sub) throw new InvalidToken('it names no user');
  if (!isRole(payload.role)) throw new InvalidToken(`unknown role ${JSON.stringify(payload.role)}`);
  // Normalised once, here where the person enters: every rule after compares people, not letters.
  return { userId: personId(payload.sub), role: payload.role };
}

