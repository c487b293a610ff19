import { BadRequestException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { GlobalPosition } from '@hmicfrs/event-store';
import { Projector } from '@hmicfrs/projections';
import { WrittenPositions } from '@hmicfrs/workflow';

/** How long an answer waits for the read models to pass a position before it answers with what they hold. */
export const READ_YOUR_WRITES_MS = 1000;
/** On a write's answer: the store position of its last event. */
export const STORE_POSITION = 'Store-Position';
/** On a read: the position the read models must have passed before it is answered (at most a second's wait). */
export const MIN_POSITION = 'Min-Position';
/** On a read's answer, when the read models had not passed `Min-Position` in time: where they stand (`none`: nothing yet). */
export const READ_MODELS_BEHIND = 'Read-Models-Behind';

const POSITION = /^\d{1,20}$/;
const MAX_POSITION = 2n ** 64n - 1n;

/**
 * Read your own writes (docs/architecture.md, "Projections and read models"): every request's handler
 * runs in its own `WrittenPositions` scope, and an answer that is not an error, from a request that
 * wrote, carries `Store-Position`. Fastify hooks rather than a Nest interceptor, which would put every
 * request through rxjs and `AsyncResource.bind` (which Node 20 wraps in a deprecation shim on each
 * call). Registered before the routes are added: `onRoute` wraps each handler.
 */
export function trackWrittenPositions(fastify: FastifyInstance, positions: WrittenPositions): void {
  fastify.addHook('onRoute', (route) => {
    const handler: RouteHandlerMethod = route.handler;
    route.handler = function tracked(this: FastifyInstance, request, reply) {
      return positions.track(() => handler.call(this, request, reply));
    };
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    // The reply is sent from within the handler, so in its scope.
    const written = positions.last();
    if (written !== undefined && reply.statusCode < 400) void reply.header(STORE_POSITION, written.toString());
    done(null, payload);
  });
}

/**
 * A GET that sends `Min-Position` waits, at most a second, until the read models have passed it, and is
 * then answered with what they hold, with `Read-Models-Behind` if they had not got there. A guard after
 * the policy guard, so that a request it refuses is refused before its header is looked at. The pages
 * wait on their own writes before they answer (`PageRenderer`).
 */
@Injectable()
export class MinPositionGuard implements CanActivate {
  constructor(private readonly projector: Projector) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (request.method !== 'GET' && request.method !== 'HEAD') return true;
    const asked = minPosition(request);
    if (asked === undefined || (await this.projector.reached(asked, READ_YOUR_WRITES_MS))) return true;
    void http.getResponse<FastifyReply>().header(READ_MODELS_BEHIND, this.projector.position()?.toString() ?? 'none');
    return true;
  }
}

/** Waits, at most a second, until the read models show everything this request wrote; false if they did not get there. */
export async function awaitOwnWrites(positions: WrittenPositions, projector: Projector): Promise<boolean> {
  const written = positions.last();
  return written === undefined || (await projector.reached(written, READ_YOUR_WRITES_MS));
}

function minPosition(request: FastifyRequest): GlobalPosition | undefined {
  const value = request.headers[MIN_POSITION.toLowerCase()];
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value.join(',') : value;
  const position = POSITION.test(text.trim()) ? BigInt(text.trim()) : undefined;
  if (position === undefined || position > MAX_POSITION) {
    throw new BadRequestException(`${MIN_POSITION} must be a store position: a whole number, as a command's ${STORE_POSITION} gives it`);
  }
  return position;
}
