import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@hmicfrs/event-store';

/**
 * What a recommendation event looks like in size and shape: a few ids, a sentence of text, a nested
 * list; about 330 bytes of data and 300 of context as JSON, 470 once the store's stamp is added.
 */
export function recommendationEvent(n: number, commandId: string): NewEvent {
  return {
    type: 'RagRated',
    data: {
      recommendationId: `rec-${n}`,
      reportId: 'peel-2023-leicestershire',
      title: 'The force should improve how it records, reviews and supervises investigations of domestic abuse',
      level: 2,
      ragRating: n % 3 === 0 ? 'red' : n % 3 === 1 ? 'amber' : 'green',
      ownerId: `user-owner-${n % 97}`,
      evidence: [{ kind: 'document', name: 'action-plan-v3.pdf', pages: 12 }],
      dueDate: '2025-03-31',
    },
    metadata: {
      userId: `user-${n % 211}`,
      role: 'liaison',
      commandId,
      correlationId: commandId,
      causationId: null,
      schemaVersion: 1,
      occurredAt: '2024-06-04T10:15:00.000Z',
      reason: 'Quarterly performance board review',
    },
  };
}

/** One command's events: `count` of them, sharing a fresh command id. */
export function commandEvents(first: number, count: number): NewEvent[] {
  const commandId = randomUUID();
  const events = new Array<NewEvent>(count);
  for (let i = 0; i < count; i += 1) events[i] = recommendationEvent(first + i, commandId);
  return events;
}
