import { randomUUID } from 'node:crypto';
import { jsonEvent, NO_STREAM, StreamNotFoundError, WrongExpectedVersionError, type EventStoreDBClient } from '@eventstore/db-client';
import type { StoreIdentity } from '../event-store.port';
import { translateClientError } from './esdb-errors';

/**
 * The stream that names this EventStoreDB database. Not `<category>-<id>`, so it is not a product
 * stream: reads of `$all`, subscriptions, stream listing and sealing pass it by. Not a `$` stream
 * either, which only `$admins` may write.
 */
export const IDENTITY_STREAM = 'hmicfrs_store_identity';

const IDENTITY_EVENT = 'StoreIdentified';
const ATTEMPTS = 3;

/**
 * The database's identity: the id in the first event of `IDENTITY_STREAM`, written once (expected
 * revision: no stream) by the first instance that asks; the others, and every later start, read it.
 * Why a stream of our own rather than the first record of `$all` or its position: that record is the
 * server's own (`$settings`, user management or statistics, depending on version and settings), and
 * those streams are capped, so a scavenge may remove it and every read model would be rebuilt for
 * nothing; and a wiped volume may start with the very same records at the very same positions. This
 * stream is never capped or rewritten, goes with a backup or a restore of the database (whose positions
 * are kept, so the read models rightly go on), and is gone exactly when the database is.
 */
export async function storeIdentityOf(client: EventStoreDBClient, now: () => Date): Promise<StoreIdentity> {
  for (let attempt = 1; ; attempt += 1) {
    const existing = await readIdentity(client);
    if (existing !== undefined) return { kind: 'eventstoredb', id: existing };
    const id = randomUUID();
    try {
      await client.appendToStream(
        IDENTITY_STREAM,
        jsonEvent({ id, type: IDENTITY_EVENT, data: { storeId: id, createdAt: now().toISOString() } }),
        {
          expectedRevision: NO_STREAM,
        },
      );
      return { kind: 'eventstoredb', id };
    } catch (error) {
      // Another instance named the store first: read its id (a few times, in case of a delete race).
      if (error instanceof WrongExpectedVersionError && attempt < ATTEMPTS) continue;
      throw translateClientError(error);
    }
  }
}

async function readIdentity(client: EventStoreDBClient): Promise<string | undefined> {
  try {
    for await (const resolved of client.readStream(IDENTITY_STREAM, { maxCount: 1, requiresLeader: true })) {
      const data = resolved.event?.data as { storeId?: unknown } | undefined;
      if (typeof data?.storeId === 'string') return data.storeId;
    }
    return undefined;
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    throw translateClientError(error);
  }
}
