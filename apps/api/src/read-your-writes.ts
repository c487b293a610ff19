import { BadRequestException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, Observable, switchMap, tap } from 'rxjs';
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
 * Read your own writes (docs/architecture.md, "Projections and read models"): every request runs in its
 * own `WrittenPositions` scope. A write's answer carries `Store-Position`; a GET that sends
 * `Min-Position` waits, at most a second, until the read models have passed it, and is then answered
 * with what they hold, with `Read-Models-Behind` if they had not got there. The pages wait on their own
 * writes before they answer (`PageRenderer`).
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(
    private readonly positions: WrittenPositions,
    private readonly projector: Projector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    return new Observable((subscriber) =>
      this.positions.track(() =>
        from(request.method === 'GET' || request.method === 'HEAD' ? this.awaitAsked(request, reply) : Promise.resolve())
          .pipe(
            switchMap(() => next.handle()),
            tap(() => {
              const written = this.positions.last();
              if (written !== undefined && !reply.sent) void reply.header(STORE_POSITION, written.toString());
            }),
          )
          .subscribe(subscriber),
      ),
    );
  }

  private async awaitAsked(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const asked = minPosition(request);
    if (asked === undefined) return;
    if (await this.projector.reached(asked, READ_YOUR_WRITES_MS)) return;
    void reply.header(READ_MODELS_BEHIND, this.projector.position()?.toString() ?? 'none');
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
