import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '@hmicfrs/auth';
import type { CommandRequest } from '@hmicfrs/workflow';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const IF_MATCH = /^(?:W\/)?"?(\d{1,15})"?$/;

/**
 * Who sends the command and the HTTP headers that govern it: `Idempotency-Key` (a retry returns the
 * first answer), `If-Match` (the revision the client saw). The body's `occurredAt` is passed separately.
 */
export const FromRequest = createParamDecorator((_: unknown, context: ExecutionContext): Omit<CommandRequest, 'occurredAt'> => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.actor) throw new Error('FromRequest used on a route the policy guard did not authenticate');
  const key = header(request, 'idempotency-key');
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new BadRequestException('Idempotency-Key must be 1–200 printable characters without spaces');
  }
  const ifMatch = header(request, 'if-match');
  const revision = ifMatch === undefined ? undefined : IF_MATCH.exec(ifMatch.trim())?.[1];
  if (ifMatch !== undefined && revision === undefined) {
    throw new BadRequestException('If-Match must be the item\'s revision, a whole number (e.g. "7")');
  }
  return {
    actor: request.actor,
    ...(key === undefined ? {} : { idempotencyKey: key }),
    ...(revision === undefined ? {} : { expectedRevision: Number(revision) }),
  };
});

function header(request: AuthenticatedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
