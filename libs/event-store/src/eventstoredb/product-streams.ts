import { streamNameFilter, type RegexFilter } from '@eventstore/db-client';
import { InvalidStreamName } from '../errors';
import { assertStreamName } from '../stream-name';

/**
 * `$all` on EventStoreDB also holds the server's own streams (`$stats-…`, `$settings`, `$$…` metadata,
 * projection links). The product's streams are exactly the names `assertStreamName` accepts, so the
 * same rule decides what `readAll`, `subscribeToAll` and `streamIds` show; one rule for both adapters.
 * A server shared with another application whose streams also look like `<category>-<id>` would leak
 * into these reads: the product expects a server (or cluster) of its own.
 */
export function isProductEvent(event: { streamId: string; type: string }): boolean {
  return !event.type.startsWith('$') && isProductStream(event.streamId);
}

function isProductStream(streamId: string): boolean {
  try {
    assertStreamName(streamId);
    return true;
  } catch (error) {
    if (error instanceof InvalidStreamName) return false;
    throw error;
  }
}

/**
 * The server-side half of the same rule for live subscriptions, so system events are not even sent:
 * a coarser prefix (`<lower-case category>-`); `isProductEvent` still decides on the client.
 */
export function productStreamFilter(): RegexFilter {
  return streamNameFilter({ regex: '^[a-z][a-z0-9]*-' });
}
