import {
  ApprovalQueueProjection,
  AuditProjection,
  RebuildAlreadyRunning,
  RegisterProjection,
  UnknownProjection,
  type RebuildProgress,
} from '@hmicfrs/projections';
import { expectReadModelsToEqualTheLog } from './support/compare';
import { appendAll, histories } from './support/histories';
import { eventually, openReadSide, projected, tempDir, type ReadSide } from './support/read-side';
import { expectPastRegisterToEqualTheLog } from './support/compare';
import { watched } from './support/slow-projection';

const tablesOf = (side: ReadSide) =>
  (side.database.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]).filter(
    (name) => !name.startsWith('sqlite_'),
  );

const registerStatuses = (side: ReadSide) => side.database.db.prepare('SELECT status FROM register ORDER BY id').pluck().all();

class Broken extends Error {}

describe('rebuild without downtime', () => {
  const opened: ReadSide[] = [];
  const open = (...args: Parameters<typeof openReadSide>) => {
    const side = openReadSide(...args);
    opened.push(side);
    return side;
  };
  afterEach(async () => {
    for (const side of opened.splice(0).reverse()) await side.close();
  });

  async function projectedSide(seed = 31) {
    const side = open();
    await appendAll(side.store, histories({ seed, items: 60, commands: 1800 }));
    await side.projector.catchUp();
    return side;
  }

  it('replays from zero into fresh tables; queries answer from the old ones until the swap', async () => {
    const side = await projectedSide();
    // Damage the live register (as a bug would), so its old and rebuilt contents differ.
    side.database.db.prepare("UPDATE register SET status = 'open'").run();
    const damaged = registerStatuses(side);
    const seenDuringRebuild: unknown[][] = [];
    const phases = new Set<string>();
    await side.rebuilder.rebuild([], (progress: RebuildProgress) => {
      phases.add(progress.phase);
      if (progress.phase === 'replaying') seenDuringRebuild.push(registerStatuses(side));
    });
    expect(seenDuringRebuild.length).toBeGreaterThan(1);
    for (const seen of seenDuringRebuild) expect(seen).toEqual(damaged);
    expect([...phases]).toEqual(['replaying', 'indexing', 'swapping', 'done']);
    await expectReadModelsToEqualTheLog(side);
    expect(tablesOf(side).filter((name) => name.endsWith('__rebuild'))).toEqual([]);
    const generations = side.database.db.prepare('SELECT generation FROM projection_checkpoints').pluck().all();
    expect(generations).toEqual([1, 1, 1]);
  });

  it('holding few items in memory, a rebuild writes the others out as it goes, and comes to the same read models', async () => {
    const dir = tempDir();
    const side = open({ dir });
    await appendAll(side.store, histories({ seed: 36, items: 60, commands: 2000 }));
    const forgetful = open({
      dir,
      store: side.store,
      projections: [new RegisterProjection({ rebuildHolds: 5 }), new ApprovalQueueProjection(), new AuditProjection()],
    });
    await forgetful.rebuilder.rebuild();
    const log = await expectReadModelsToEqualTheLog(forgetful);
    const occurred = log.map((event) => event.metadata.occurredAt).sort();
    for (const asAt of [
      occurred[Math.floor(occurred.length / 4)],
      occurred[Math.floor(occurred.length / 2)],
      occurred[occurred.length - 1],
    ]) {
      expectPastRegisterToEqualTheLog(forgetful, log, asAt, new Date().toISOString());
    }
  });

  it('reports progress: events done, events per second and time left', async () => {
    const side = await projectedSide();
    const reports: RebuildProgress[] = [];
    await side.rebuilder.rebuild(['audit'], (progress) => reports.push(progress));
    const replaying = reports.filter((report) => report.phase === 'replaying');
    expect(replaying.map((report) => report.events)).toEqual([...replaying.map((report) => report.events)].sort((a, b) => a - b));
    expect(replaying[replaying.length - 1].fraction).toBe(1);
    expect(replaying.every((report) => report.eventsPerSecond > 0 && report.secondsLeft !== null)).toBe(true);
    expect(reports[reports.length - 1]).toMatchObject({ phase: 'done', projections: ['audit'], secondsLeft: 0 });
  });

  it('rebuilds one projection while the live projector goes on with events appended meanwhile', async () => {
    const dir = tempDir();
    const side = open({ dir });
    const appends = [...histories({ seed: 32, items: 60, commands: 2000 })];
    await appendAll(side.store, appends.slice(0, 400));
    side.projector.start();
    await projected(side);
    // The rebuild runs as another process would: its own connection, leases and tables.
    const cli = open({ dir, store: side.store });
    const rebuilt = cli.rebuilder.rebuild(['register']);
    await appendAll(side.store, appends.slice(400));
    await rebuilt;
    await projected(side);
    await expectReadModelsToEqualTheLog(side);
  });

  it('an unknown projection name is refused, naming the projections, and nothing changes', async () => {
    const side = await projectedSide();
    const before = tablesOf(side);
    await expect(side.rebuilder.rebuild(['register', 'regsiter'])).rejects.toThrow(
      new UnknownProjection('regsiter', ['register', 'approvalQueue', 'audit']),
    );
    expect(tablesOf(side)).toEqual(before);
    await side.rebuilder.rebuild(['register']);
  });

  it('a second rebuild while one is running is refused; the first completes', async () => {
    const dir = tempDir();
    const side = open({ dir });
    await appendAll(side.store, histories({ seed: 33, items: 60, commands: 1800 }));
    await side.projector.catchUp();
    const other = open({ dir, store: side.store });
    let second: Promise<void> | undefined;
    await side.rebuilder.rebuild(['approvalQueue', 'register'], (progress) => {
      second ??= other.rebuilder.rebuild(['register']);
      expect(progress.projections).toEqual(['approvalQueue', 'register']);
    });
    await expect(second).rejects.toBeInstanceOf(RebuildAlreadyRunning);
    await expect(second).rejects.toThrow(/A rebuild of register is already running \(process \d+ on .+\)/);
    await expectReadModelsToEqualTheLog(side);
    // Once the first has finished, a rebuild may start again.
    await other.rebuilder.rebuild(['register']);
  });

  it('a rebuild that fails half way leaves the live read models as they were, and no spare tables', async () => {
    const dir = tempDir();
    const side = open({ dir });
    await appendAll(side.store, histories({ seed: 34, items: 60, commands: 1800 }));
    await side.projector.catchUp();
    const breakAt = (await side.store.health()).position! / 2n;
    const before = registerStatuses(side);
    const checkpointsBefore = side.database.db.prepare('SELECT * FROM projection_checkpoints ORDER BY name').all();
    const broken = open({
      dir,
      store: side.store,
      projections: [new RegisterProjection(), new ApprovalQueueProjection(), new AuditProjection()].map((p) =>
        watched(p, {
          beforeEvent: (name, at) => {
            if (name === 'register' && at === breakAt) throw new Broken();
          },
        }),
      ),
    });
    await expect(broken.rebuilder.rebuild()).rejects.toBeInstanceOf(Broken);
    expect(registerStatuses(side)).toEqual(before);
    expect(side.database.db.prepare('SELECT * FROM projection_checkpoints ORDER BY name').all()).toEqual(checkpointsBefore);
    expect(tablesOf(side).filter((name) => name.endsWith('__rebuild'))).toEqual([]);
    // Its leases are released: a rebuild may start at once.
    await side.rebuilder.rebuild();
    await expectReadModelsToEqualTheLog(side);
  });

  it('a projection whose code version changed is rebuilt when the projector starts', async () => {
    const dir = tempDir();
    const side = open({ dir });
    await appendAll(side.store, histories({ seed: 35, items: 60, commands: 1800 }));
    await side.projector.catchUp();
    side.database.db.prepare("UPDATE register SET status = 'open'").run();

    const next = new RegisterProjection().version + 1;
    class RegisterProjectionNext extends RegisterProjection {
      override readonly version = next;
    }
    const upgraded = open({
      dir,
      store: side.store,
      projections: [new RegisterProjectionNext(), new ApprovalQueueProjection(), new AuditProjection()],
    });
    upgraded.projector.start();
    await eventually(
      () => side.database.db.prepare("SELECT version FROM projection_checkpoints WHERE name = 'register'").pluck().get() === next,
    );
    await projected(upgraded);
    expect(side.database.db.prepare("SELECT name, version, generation FROM projection_checkpoints WHERE name = 'register'").get()).toEqual({
      name: 'register',
      version: next,
      generation: 1,
    });
    await expectReadModelsToEqualTheLog(upgraded);
  });
});
