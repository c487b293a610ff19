import type { RecordedEvent } from './event';
import type { ReadAllOptions } from './event-store.port';

/**
 * An event as verification reads it: the event, and where the adapter keeps a copy of its time outside
 * the sealed metadata (SQLite's `recorded_at` column), that copy, so the two can be compared.
 */
export interface AuditedEvent extends RecordedEvent {
  /** The adapter's own copy of `recordedAt`, when it keeps one; undefined otherwise. */
  indexedRecordedAt?: string;
  /**
   * The text the adapter stored `data` as, when it keeps one: verification may hash it as it stands
   * when it is provably canonical (`isCanonicalJsonText`), and otherwise hashes `data`'s canonical JSON.
   */
  dataJson?: string;
  /** Likewise the text the adapter stored `metadata` as (see `canonicalMetadataText`). */
  metadataJson?: string;
}

/**
 * An adapter that can show verification every event in global order *including* what it keeps beside
 * the sealed content. Not part of the port: only verification needs it.
 */
export interface AuditableStore {
  /** Every event (the seal's checkpoints too) in global order, with the adapter's own copies of sealed values. */
  readAllForAudit(options?: ReadAllOptions): AsyncIterable<AuditedEvent>;
  /** True when the adapter guarantees `recordedAt` never goes backwards along the global order. */
  readonly recordedAtFollowsGlobalOrder: boolean;
}

export function isAuditable(store: object): store is AuditableStore {
  return typeof (store as Partial<AuditableStore>).readAllForAudit === 'function';
}

/** What a checkpoint needs of an event: where it stands, and the hash stored with it. */
export interface StoredHash {
  streamId: string;
  revision: number;
  position: bigint;
  hash: string;
}

/**
 * An adapter that can give the sealer each event's stored hash in global order without the event itself
 * (SQLite reads it out of the metadata column in SQL). Not part of the port: only the sealer needs it.
 */
export interface HashReadableStore {
  /** Every event's stored hash (the seal's checkpoints too) in global order. */
  readAllHashes(options?: ReadAllOptions): AsyncIterable<StoredHash>;
}

export function readsHashes(store: object): store is HashReadableStore {
  return typeof (store as Partial<HashReadableStore>).readAllHashes === 'function';
}
