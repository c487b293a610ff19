import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  type AllStreamRecordedEvent,
  type Direction,
  type EventStoreDBClient,
  type ReadPosition,
} from '@eventstore/db-client';
import type { GlobalPosition } from '../event';
import { allReadRefused, isAccessDenied, translateClientError } from './esdb-errors';
import { decodePosition, encodePosition } from './position';

const PAGE_SIZE = 1000;

/**
 * Every record of `$all` (system ones too: the caller filters) strictly after `from` going forwards,
 * or strictly before it going backwards. Read in bounded pages, each one finished before it is
 * yielded, so a consumer that stops early leaves no gRPC stream open. The client (6.x) cannot filter
 * `readAll` on the server; only subscriptions can.
 * Whether the server's `fromPosition` is inclusive does not matter: positions at or beyond the last
 * one seen are skipped here.
 */
export async function* scanAll(
  client: EventStoreDBClient,
  direction: Direction,
  from?: GlobalPosition,
  pageSize = PAGE_SIZE,
): AsyncGenerator<AllStreamRecordedEvent> {
  let bound = from;
  let fromPosition: ReadPosition = from === undefined ? (direction === FORWARDS ? START : END) : decodePosition(from);
  for (;;) {
    const page = await readPage(client, direction, fromPosition, pageSize);
    for (const event of page.events) {
      const position = encodePosition(event.position);
      if (bound !== undefined && (direction === BACKWARDS ? position >= bound : position <= bound)) continue;
      bound = position;
      yield event;
    }
    const last = page.events[page.events.length - 1];
    if (page.received < pageSize || !last) return;
    fromPosition = last.position;
  }
}

async function readPage(
  client: EventStoreDBClient,
  direction: Direction,
  fromPosition: ReadPosition,
  pageSize: number,
): Promise<{ events: AllStreamRecordedEvent[]; received: number }> {
  const events: AllStreamRecordedEvent[] = [];
  let received = 0;
  try {
    for await (const resolved of client.readAll({ direction, fromPosition, maxCount: pageSize })) {
      received += 1;
      if (resolved.event) events.push(resolved.event);
    }
  } catch (error) {
    throw isAccessDenied(error) ? allReadRefused(error) : translateClientError(error);
  }
  return { events, received };
}
