import { randomUUID } from 'node:crypto';
import type { EventContext, NewEvent } from '../event';

/** A valid event for tests; each call is its own command unless `context.commandId` says otherwise. */
export function newEvent<Type extends string = string, Data = unknown>(
  type: Type,
  data: Data,
  context: Partial<EventContext> = {},
): NewEvent<Type, Data> {
  const commandId = context.commandId ?? randomUUID();
  return {
    type,
    data,
    metadata: {
      userId: 'user-1',
      role: 'liaison',
      commandId,
      correlationId: commandId,
      causationId: null,
      schemaVersion: 1,
      occurredAt: new Date().toISOString(),
      ...context,
    },
  };
}

/** `count` events written by one command, numbered in `data.n`. */
export function commandOf(count: number, commandId: string = randomUUID(), type = 'ThingHappened'): NewEvent[] {
  return Array.from({ length: count }, (_, n) => newEvent(type, { n }, { commandId }));
}
