import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { AuditableStore, AuditedEvent, HashReadableStore, StoredHash } from '../audit-read';
import type { EventMetadata, GlobalPosition, NewEvent, RecordedEvent } from '../event';
import { EventStoreUnavailable, WrongExpectedRevision } from '../errors';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  StoreHealth,
  StoreIdentity,
  SubscribeOptions,
} from '../event-store.port';
import { NO_STREAM_REVISION, type ExpectedRevision } from '../expected-revision';
import { GENESIS_HASH } from '../hash-chain';
import { checkAppend, checkExpectedRevision, sealEvents, type SealedEvent } from '../seal';
import { assertStreamName } from '../stream-name';
import { toRecordedEvent, type AuditRow, type EventRow } from './event-rows';
import { applyPragmas, ensureSchema, ensureStoreId } from './schema';
import { isUniqueViolation, storeErrorFrom } from './sqlite-errors';
import { SqliteSubscription } from './sqlite-subscription';
import { prepareStatements, type Statements } from './statements';

export interface SqliteEventStoreOptions {
  /** How long an append waits for another process's write to finish before giving up. Default 5 s. */
  busyTimeoutMs?: number;
  /** How often a live subscription looks for events appended by other processes. Default 200 ms. */
  pollIntervalMs?: number;
  /** Open for reading only (verification, reports); appends fail with EventStoreUnavailable. */
  readonly?: boolean;
  /** The adapter's clock for `recordedAt` (tests hold it still); default the system clock. */
  clock?: () => Date;
}

/**
 * Rows per page for readAll, subscriptions and streamIds: enough to amortise a query, few enough that
 * a page dies young. Rows are parsed one at a time as they are delivered, so a page of parsed events
 * never outlives the garbage collector's nursery (eager parsing of large pages cost a third of a read).
 */
const PAGE_SIZE = 500;

/** The embedded event store: one SQLite file, one writer at a time, every append durable when it returns. */
export class SqliteEventStore implements EventStore, AuditableStore, HashReadableStore {
  /** `recordedAt` is never behind the last recorded event (see `recordedAt()`), so verification may hold the store to it. */
  readonly recordedAtFollowsGlobalOrder = true;
  private readonly statements: Statements;
  private readonly commitTogether: (batch: readonly PendingAppend[]) => Outcome[];
  /** Appends waiting for the next commit; see `append`. */
  private pending: PendingAppend[] = [];
  private readonly subscriptions = new Set<SqliteSubscription>();
  private closed = false;
  /** This file's store id (`ensureStoreId`), once asked for. */
  private storeId: string | undefined;

  private constructor(
    private readonly db: Database.Database,
    /** The absolute path of the file, named in every error. */
    readonly file: string,
    private readonly pollIntervalMs: number,
    private readonly clock: () => Date,
  ) {
    this.statements = prepareStatements(db);
    // Called inside the batch's transaction, better-sqlite3 runs each append in a SAVEPOINT: a refused
    // append is rolled back alone and the others still commit. Savepoints are not free (SQLite copies
    // each page first changed under one into a sub-journal; a tenth of a 1,000-event append), so a lone
    // append runs in the transaction itself: if it throws, the transaction rolls back with it.
    const appendInSavepoint = db.transaction(this.appendChecked.bind(this));
    // IMMEDIATE takes the write lock before reading any stream's head, so no other writer can slip
    // in between a revision check and its insert.
    this.commitTogether = db.transaction((batch: readonly PendingAppend[]): Outcome[] => {
      if (batch.length === 1) {
        const [{ streamId, events, expected, commandId }] = batch;
        return [{ result: this.appendChecked(streamId, events, expected, commandId) }];
      }
      return batch.map((append): Outcome => {
        try {
          return { result: appendInSavepoint(append.streamId, append.events, append.expected, append.commandId) };
        } catch (error) {
          // Anything but a refusal is the file failing (full, I/O, …), after which SQLite may already have
          // rolled the whole transaction back: the group must fail as one, or the appends after this one
          // would each commit on their own and then be reported as failed.
          const refusal = this.refusal(error, append);
          if (!refusal) throw error;
          return { error: refusal };
        }
      });
    }).immediate;
  }

  /** Opens (creating if need be) the store in `file`; throws EventStoreUnavailable naming the file if it cannot. */
  static open(file: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const path = resolve(file);
    const readonly = options.readonly ?? false;
    if (!readonly) {
      try {
        mkdirSync(dirname(path), { recursive: true });
      } catch (error) {
        throw new EventStoreUnavailable(`cannot create the directory for ${path}: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    let db: Database.Database | undefined;
    try {
      db = new Database(path, { readonly, fileMustExist: readonly });
      applyPragmas(db, { busyTimeoutMs: options.busyTimeoutMs ?? 5000 });
      ensureSchema(db, path);
      return new SqliteEventStore(db, path, options.pollIntervalMs ?? 200, options.clock ?? (() => new Date()));
    } catch (error) {
      db?.close();
      const translated = storeErrorFrom(error, path);
      if (translated instanceof EventStoreUnavailable) throw translated;
      throw new EventStoreUnavailable(`cannot open ${path}: ${(error as Error).message}`, { cause: error });
    }
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    assertStreamName(streamId);
    const commandId = checkAppend(streamId, events);
    checkExpectedRevision(streamId, expected);
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ streamId, events, expected, commandId, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.commitPending());
    });
  }

  /**
   * Group commit: the appends that arrived while the event loop was busy share one transaction and so
   * one fsync, the cost that bounds durable writes. Each is still checked on its own and answered only
   * once the transaction is on disk; if the commit itself fails, every append in it fails and nothing
   * of them is written.
   */
  private commitPending(): void {
    const batch = this.pending;
    this.pending = [];
    let outcomes: Outcome[];
    try {
      this.assertOpen();
      outcomes = this.commitTogether(batch);
    } catch (error) {
      const failure = batch.length === 1 ? this.loneFailure(error, batch[0]) : storeErrorFrom(error, this.file);
      for (const append of batch) append.reject(failure);
      return;
    }
    let appended = false;
    outcomes.forEach((outcome, i) => {
      if ('error' in outcome) return batch[i].reject(outcome.error);
      appended ||= !outcome.result.duplicate;
      batch[i].resolve(outcome.result);
    });
    if (appended) for (const subscription of this.subscriptions) subscription.appended();
  }

  /** Why a lone append failed, once its transaction has rolled back: its own refusal, or the file failing. */
  private loneFailure(error: unknown, append: PendingAppend): unknown {
    try {
      return this.refusal(error, append) ?? storeErrorFrom(error, this.file);
    } catch (unreadable) {
      // Called from setImmediate: nothing may escape, or it would take the process down.
      return storeErrorFrom(unreadable, this.file);
    }
  }

  /**
   * The append's own refusal, if that is what `error` is. `head` reads the stream as the append's
   * savepoint, or its rolled-back transaction, left it.
   */
  private refusal(error: unknown, { streamId, expected }: PendingAppend): WrongExpectedRevision | undefined {
    if (error instanceof WrongExpectedRevision) return error;
    // The transaction already checked the revision under the write lock; the schema's own UNIQUE is
    // the last line of defence against a writer that bypassed this adapter.
    if (isUniqueViolation(error)) return new WrongExpectedRevision(streamId, expected, this.head(streamId).revision);
    return undefined;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertStreamName(streamId);
    const rows = this.sqlite(() =>
      this.statements.readStream.all({
        streamId,
        from: options.fromRevision ?? 0,
        to: options.toRevision ?? Number.MAX_SAFE_INTEGER,
        upTo: options.recordedUpTo?.toISOString() ?? null,
      }),
    );
    return rows.map(toRecordedEvent);
  }

  async streamExists(streamId: string): Promise<boolean> {
    this.assertOpen();
    assertStreamName(streamId);
    return this.sqlite(() => this.statements.streamExists.get(streamId)) !== undefined;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    let after = options.after ?? 0n;
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const wanted = Math.min(PAGE_SIZE, remaining);
      const rows = this.readPage(after, wanted);
      for (let i = 0; i < rows.length; i += 1) yield toRecordedEvent(rows[i]);
      if (rows.length < wanted) return;
      remaining -= rows.length;
      after = BigInt(rows[rows.length - 1][0]);
    }
  }

  /** As `readAll`, each event with its `recorded_at` column, which the hash does not cover (verification compares them). */
  async *readAllForAudit(options: ReadAllOptions = {}): AsyncGenerator<AuditedEvent> {
    let after = options.after ?? 0n;
    for (;;) {
      this.assertOpen();
      const rows = this.sqlite(() => this.statements.readAuditPage.all(after, PAGE_SIZE));
      for (let i = 0; i < rows.length; i += 1) {
        yield new AuditRowEvent(rows[i]);
      }
      if (rows.length < PAGE_SIZE) return;
      after = BigInt(rows[rows.length - 1][0]);
    }
  }

  /** Every event's stored hash in global order, read out of the metadata in SQL: what the sealer needs, without the events. */
  async *readAllHashes(options: ReadAllOptions = {}): AsyncGenerator<StoredHash> {
    let after = options.after ?? 0n;
    for (;;) {
      this.assertOpen();
      const rows = this.sqlite(() => this.statements.readHashPage.all(after, PAGE_SIZE));
      for (let i = 0; i < rows.length; i += 1) {
        const [position, streamId, revision, hash] = rows[i];
        yield { position: BigInt(position), streamId, revision, hash };
      }
      if (rows.length < PAGE_SIZE) return;
      after = BigInt(rows[rows.length - 1][0]);
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): AllSubscription {
    this.assertOpen();
    const source = {
      readPage: (after: GlobalPosition, limit: number) => this.readPage(after, limit),
      pageSize: PAGE_SIZE,
      pollIntervalMs: this.pollIntervalMs,
    };
    const subscription = new SqliteSubscription(source, options, (ended) => this.subscriptions.delete(ended));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async *streamIds(): AsyncGenerator<string> {
    let after = '';
    for (;;) {
      this.assertOpen();
      const page = this.sqlite(() => this.statements.streamIds.all(after, PAGE_SIZE));
      yield* page;
      if (page.length < PAGE_SIZE) return;
      after = page[page.length - 1];
    }
  }

  async health(): Promise<StoreHealth> {
    this.assertOpen();
    const position = this.sqlite(() => this.statements.lastPosition.get());
    return { kind: 'sqlite', position: position == null ? null : BigInt(position) };
  }

  /** Made on first use, not at open: opening stays one read of the schema's version. */
  async identity(): Promise<StoreIdentity> {
    this.assertOpen();
    this.storeId ??= this.sqlite(() => ensureStoreId(this.db));
    if (this.storeId === undefined) {
      throw new EventStoreUnavailable(
        `${this.file} has no store id yet: open it once for writing (the API or any command that writes does)`,
      );
    }
    return { kind: 'sqlite', id: this.storeId };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    this.closed = true;
    this.db.close();
  }

  /** Up to `limit` rows strictly after `after`; each page is its own query, so no cursor stays open across awaits. */
  private readPage(after: GlobalPosition, limit: number): EventRow[] {
    this.assertOpen();
    return this.sqlite(() => this.statements.readPage.all(after, limit));
  }

  /** Runs inside the IMMEDIATE transaction. */
  private appendChecked(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision, commandId: string): AppendResult {
    const earlier = this.statements.byCommand.all(streamId, commandId);
    if (earlier.length > 0) return resultOf(streamId, earlier.map(toRecordedEvent), true);
    const head = this.head(streamId);
    if (!revisionHolds(expected, head.revision)) throw new WrongExpectedRevision(streamId, expected, head.revision);
    const sealed = sealEvents(streamId, events, head, this.recordedAt());
    return resultOf(
      streamId,
      sealed.map((event) => this.insert(event, commandId)),
      false,
    );
  }

  private insert(event: SealedEvent, commandId: string): RecordedEvent {
    const { lastInsertRowid } = this.statements.insert.run(
      event.streamId,
      event.revision,
      event.id,
      event.type,
      event.dataJson,
      event.metadataJson,
      commandId,
      event.metadata.recordedAt,
    );
    const { id, streamId, revision, type, data, metadata } = event;
    return { id, streamId, revision, position: BigInt(lastInsertRowid), type, data, metadata };
  }

  private head(streamId: string): { revision: number; hash: string } {
    const row = this.statements.streamHead.get(streamId);
    return row ? { revision: row[0], hash: row[1] } : { revision: NO_STREAM_REVISION, hash: GENESIS_HASH };
  }

  /** The store's clock, never behind the last recorded event, so "as known at" reads are always a prefix of the global order. */
  private recordedAt(): string {
    const now = this.clock().toISOString();
    const last = this.statements.lastRecordedAt.get();
    return last !== undefined && last > now ? last : now;
  }

  private sqlite<T>(operation: () => T): T {
    try {
      return operation();
    } catch (error) {
      throw storeErrorFrom(error, this.file);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailable(`the store on ${this.file} has been closed`);
  }
}

interface PendingAppend {
  streamId: string;
  events: readonly NewEvent[];
  expected: ExpectedRevision;
  commandId: string;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type Outcome = { result: AppendResult } | { error: unknown };

function revisionHolds(expected: ExpectedRevision, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === NO_STREAM_REVISION;
  return actual === expected;
}

function resultOf(streamId: string, events: RecordedEvent[], duplicate: boolean): AppendResult {
  const last = events[events.length - 1];
  return { streamId, revision: last.revision, position: last.position, events, duplicate };
}

/**
 * An event as verification reads it: `data` is parsed from its stored text only when asked for, since
 * verification hashes that text as it stands whenever it is provably canonical (and parses it otherwise).
 */
class AuditRowEvent implements AuditedEvent {
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: bigint;
  readonly type: string;
  readonly metadata: EventMetadata;
  readonly indexedRecordedAt: string;
  readonly dataJson: string;
  readonly metadataJson: string;
  private parsed: { data: unknown } | undefined;

  constructor(row: AuditRow) {
    this.id = row[3];
    this.streamId = row[1];
    this.revision = row[2];
    this.position = BigInt(row[0]);
    this.type = row[4];
    this.dataJson = row[5];
    this.metadataJson = row[6];
    this.metadata = JSON.parse(row[6]) as EventMetadata;
    this.indexedRecordedAt = row[7];
  }

  get data(): unknown {
    this.parsed ??= { data: JSON.parse(this.dataJson) };
    return this.parsed.data;
  }
}
