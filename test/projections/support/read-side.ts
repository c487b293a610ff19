import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, storeKey, type EventStore } from '@hmicfrs/event-store';
import {
  ApprovalQueueProjection,
  ApprovalQueueQueries,
  AuditProjection,
  AuditTrailQueries,
  JacReportService,
  PastRegister,
  Projector,
  ReadModelDatabase,
  Rebuilder,
  RegisterProjection,
  RegisterQueries,
  RegisterReports,
  ReadModelFreshness,
  ensureReadModels,
  type Projection,
  type ProjectorOptions,
} from '@hmicfrs/projections';
import { systemClock, type Clock } from '@hmicfrs/clock';

/** The read side wired by hand on a data directory, as the Nest module wires it. */
export interface ReadSide {
  dir: string;
  store: EventStore;
  database: ReadModelDatabase;
  projections: Projection[];
  projector: Projector;
  rebuilder: Rebuilder;
  register: RegisterQueries;
  past: PastRegister;
  reports: RegisterReports;
  approvals: ApprovalQueueQueries;
  audit: AuditTrailQueries;
  jac: JacReportService;
  /** Another process's view of the same files: its own connection, projector and rebuilder. */
  another(): ReadSide;
  close(): Promise<void>;
}

export interface ReadSideOptions {
  store?: EventStore;
  dir?: string;
  clock?: Clock;
  projector?: Partial<ProjectorOptions>;
  projections?: Projection[];
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'hmicfrs-projections-'));
}

export function openReadSide(options: ReadSideOptions = {}): ReadSide {
  const dir = options.dir ?? tempDir();
  const ownsStore = options.store === undefined;
  const store = options.store ?? SqliteEventStore.open(join(dir, 'events.db'), { pollIntervalMs: 20 });
  const projections = options.projections ?? [new RegisterProjection(), new ApprovalQueueProjection(), new AuditProjection()];
  const database = ReadModelDatabase.inDataDir(dir, { busyTimeoutMs: 100 });
  ensureReadModels(database, projections);
  const clock = options.clock ?? systemClock;
  const rebuilder = new Rebuilder(store, database, projections, { batchSize: 500 });
  const projector = new Projector(store, database, projections, rebuilder, {
    batchSize: 500,
    maxWaitMs: 5,
    retryMs: 50,
    ...options.projector,
  });
  const freshness = new ReadModelFreshness(store, database, 5000);
  const register = new RegisterQueries(database);
  const past = new PastRegister(database);
  const side: ReadSide = {
    dir,
    store,
    database,
    projections,
    projector,
    rebuilder,
    register,
    past,
    reports: new RegisterReports(database, register, past, freshness, clock),
    approvals: new ApprovalQueueQueries(database),
    audit: new AuditTrailQueries(database),
    jac: new JacReportService(database, past, freshness, clock),
    another: () => openReadSide({ ...options, store, dir, projections: undefined }),
    async close() {
      await projector.stop();
      database.close();
      if (ownsStore) {
        await store.close();
        if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return side;
}

/** Until the projector's checkpoints reach the store's head, in this store. */
export async function projected(side: ReadSide, timeoutMs = 10_000): Promise<void> {
  const { position: head } = await side.store.health();
  const store = storeKey(await side.store.identity());
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = side.database.db.prepare('SELECT position, store FROM projection_checkpoints').all() as {
      position: string | null;
      store: string | null;
    }[];
    const reached = (row: (typeof rows)[number]) => row.position !== null && row.store === store && BigInt(row.position) >= head!;
    if (head === null || (rows.length > 0 && rows.every(reached))) return;
    if (Date.now() > deadline) throw new Error(`projections did not reach ${head} in ${store}: ${JSON.stringify(rows)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Until `condition` holds, polling. */
export async function eventually(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${condition.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
