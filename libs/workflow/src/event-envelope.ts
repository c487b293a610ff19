import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson, type NewEvent, type RecordedEvent } from '@hmicfrs/event-store';
import { personId, schemaVersions, type DomainEvent } from '@hmicfrs/lifecycle';
import type { Actor } from '@hmicfrs/auth';
import type { SystemActor } from '@hmicfrs/lifecycle';
import type { CommandRequest } from './command-request';

type AnyRequest = CommandRequest<Actor | SystemActor>;
import { IdempotencyKeyReused } from './errors';

/**
 * The command's id: its own for a system command (a reminder is one per item, kind and day), the
 * client's Idempotency-Key scoped to the user who sent it (as payment APIs scope keys to an account),
 * or a new one.
 */
export function commandIdOf(request: AnyRequest): string {
  if (request.commandId !== undefined) return request.commandId;
  return request.idempotencyKey === undefined ? randomUUID() : `${request.actor.userId}:${request.idempotencyKey}`;
}

/**
 * The events as the store will keep them, each in the envelope every event carries
 * (docs/architecture.md, "Event metadata"). Nothing else in the product builds metadata.
 */
export function enveloped(events: DomainEvent[], request: AnyRequest, commandId: string, command: object, occurredAt: string): NewEvent[] {
  const reason = (command as { reason?: unknown }).reason;
  return events.map((event) => ({
    type: event.type,
    data: event.data,
    metadata: {
      userId: request.actor.userId,
      role: request.actor.role,
      causedBy: personId(request.causedBy ?? request.actor.userId),
      commandId,
      correlationId: request.correlationId ?? commandId,
      causationId: request.causationId ?? null,
      schemaVersion: schemaVersions[event.type],
      occurredAt,
      ...(typeof reason === 'string' ? { reason } : {}),
      extra: { ...request.extra, request: fingerprint(command, request) },
    },
  }));
}

/**
 * The events a retried command (same id, same request) wrote the first time, or undefined when the
 * stream holds none; the same id for another request is refused rather than answered with the first.
 */
export function earlierEvents(
  stored: readonly RecordedEvent[],
  commandId: string,
  command: object,
  request: AnyRequest,
): RecordedEvent[] | undefined {
  const mine = stored.filter((event) => event.metadata.commandId === commandId);
  if (mine.length === 0) return undefined;
  if (mine[0].metadata.extra?.request !== fingerprint(command, request)) {
    throw new IdempotencyKeyReused(request.idempotencyKey ?? commandId);
  }
  return mine;
}

function fingerprint(command: object, request: AnyRequest): string {
  return createHash('sha256')
    .update(canonicalJson({ command, occurredAt: request.occurredAt ?? null }))
    .digest('hex');
}
