import type { FastifyInstance } from 'fastify';

/**
 * What a request body may hold once parsed, whatever its media type (JSON, a page's form, a multipart
 * form's fields). No route takes anything near these: the deepest body is an object holding an array
 * of objects, the widest a page's form. Past them the validation pipe's recursive walk could overflow
 * the stack or take seconds, so the body is refused before any validation sees it.
 */
export const BODY_LIMITS = {
  /** Objects and arrays nested inside one another. */
  depth: 32,
  /** Members of any one object or elements of any one array. */
  members: 1000,
  /** Values in the whole body, counting every object, array and scalar. */
  values: 10_000,
} as const;

export type BodyLimit = keyof typeof BODY_LIMITS;

/** A body past one of `BODY_LIMITS`, naming which. */
export class BodyTooComplex extends Error {
  constructor(
    readonly limit: BodyLimit,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks a parsed body against `BODY_LIMITS`, iteratively: a body nested a million deep must be
 * refused by this, not overflow it. Stops at the first limit passed.
 */
export function checkBodyShape(body: unknown): void {
  const pending: { value: unknown; depth: number }[] = [{ value: body, depth: 0 }];
  let values = 0;
  while (pending.length > 0) {
    const { value, depth } = pending.pop()!;
    values += 1;
    if (values > BODY_LIMITS.values) {
      throw new BodyTooComplex('values', `The request body holds more than ${BODY_LIMITS.values} values`);
    }
    // Only what a parser builds is walked: a file's bytes (a Buffer) are one value, not a million.
    if (!isObjectOrArray(value)) continue;
    if (depth >= BODY_LIMITS.depth) {
      throw new BodyTooComplex('depth', `The request body is nested more than ${BODY_LIMITS.depth} levels deep`);
    }
    const members = Array.isArray(value) ? (value as unknown[]) : Object.values(value);
    if (members.length > BODY_LIMITS.members) {
      throw new BodyTooComplex(
        'members',
        `An object or array in the request body has more than ${BODY_LIMITS.members} members (${members.length})`,
      );
    }
    for (const member of members) pending.push({ value: member, depth: depth + 1 });
  }
}

function isObjectOrArray(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return Array.isArray(value) || prototype === Object.prototype || prototype === null;
}

/** Every route's body is checked once parsed and before anything reads it: registered before any route is added. */
export function limitBodies(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    try {
      checkBodyShape(request.body);
      done();
    } catch (error) {
      done(error as Error);
    }
  });
}
