export * from './event';
export * from './expected-revision';
export * from './errors';
export * from './event-store.port';
export { assertStreamName, streamCategory } from './stream-name';
export {
  canonicalJson,
  canonicalMetadataText,
  hashCanonical,
  hashStoredTexts,
  hashEvent,
  isCanonicalJsonText,
  verifyChain,
  GENESIS_HASH,
  type ChainVerdict,
} from './hash-chain';
export { eventIdFor } from './event-id';
export { resumingSubscription, type ResumeOptions } from './resuming-subscription';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { EventStoreDbEventStore, type EventStoreDbOptions } from './eventstoredb/eventstoredb-event-store';
export { verifyStore, type StoreVerdict, type BrokenChain } from './verify';
export { EventStoreModule, openEventStore, openEventStoreToRead, type EventStoreOptions } from './event-store.module';
export { isAuditable, readsHashes, type AuditableStore, type AuditedEvent, type HashReadableStore, type StoredHash } from './audit-read';
