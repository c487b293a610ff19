export * from './event';
export * from './expected-revision';
export * from './errors';
export * from './event-store.port';
export { assertStreamName, streamCategory } from './stream-name';
export { canonicalJson, hashEvent, verifyChain, GENESIS_HASH, type ChainVerdict } from './hash-chain';
export { eventIdFor } from './event-id';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { verifyStore, type StoreVerdict, type BrokenChain } from './verify';
