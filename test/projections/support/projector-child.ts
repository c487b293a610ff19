/**
 * A projector in its own process, slowed down so that the test can SIGKILL it in the middle of a batch.
 * It prints `began <n>` when its nth transaction starts applying events and `finished <n>` just before
 * that transaction commits.
 */
import { join } from 'node:path';
import { SqliteEventStore } from '@hmicfrs/event-store';
import {
  ApprovalQueueProjection,
  AuditProjection,
  Projector,
  ReadModelDatabase,
  Rebuilder,
  RegisterProjection,
  ensureReadModels,
} from '@hmicfrs/projections';
import { blockFor, watched } from './slow-projection';

const dir = process.argv[2];
let batches = 0;
const hooks = {
  // Only the first projection's hooks count batches: all three share one transaction.
  began: (name: string) => name === 'register' && process.stdout.write(`began ${(batches += 1)}\n`),
  beforeEvent: () => blockFor(2),
  finished: (name: string) => name === 'audit' && process.stdout.write(`finished ${batches}\n`),
};
const store = SqliteEventStore.open(join(dir, 'events.db'));
const projections = [new RegisterProjection(), new ApprovalQueueProjection(), new AuditProjection()].map((p) => watched(p, hooks));
const database = ReadModelDatabase.inDataDir(dir);
ensureReadModels(database, projections);
const projector = new Projector(store, database, projections, new Rebuilder(store, database, projections), {
  batchSize: 100,
  maxWaitMs: 5,
  retryMs: 50,
});
projector.start();
