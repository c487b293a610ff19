import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ApprovalQueueProjection, AuditProjection, RegisterProjection } from '@hmicfrs/projections';
import { expectReadModelsToEqualTheLog } from './support/compare';
import { appendAll, histories } from './support/histories';
import { openReadSide, projected, tempDir, type ReadSide } from './support/read-side';
import { watched } from './support/slow-projection';

const allProjections = () => [new RegisterProjection(), new ApprovalQueueProjection(), new AuditProjection()];

function checkpoints(side: ReadSide): Record<string, string | null> {
  const rows = side.database.db.prepare('SELECT name, position FROM projection_checkpoints').all() as {
    name: string;
    position: string | null;
  }[];
  return Object.fromEntries(rows.map((row) => [row.name, row.position]));
}

class Crash extends Error {}

describe('each event is applied exactly once, whatever stops the projector', () => {
  const opened: ReadSide[] = [];
  const open = (...args: Parameters<typeof openReadSide>) => {
    const side = openReadSide(...args);
    opened.push(side);
    return side;
  };
  afterEach(async () => {
    for (const side of opened.splice(0).reverse()) await side.close();
  });

  it('a batch that fails half way leaves nothing of itself; a restart carries on from the last commit', async () => {
    const dir = tempDir();
    let crashAt = 0n;
    const crashing = allProjections().map((p) =>
      watched(p, {
        beforeEvent: (name, at) => {
          if (name === 'audit' && at === crashAt) throw new Crash();
        },
      }),
    );
    const first = open({ dir, projections: crashing });
    await appendAll(first.store, histories({ seed: 21, items: 80, commands: 2500 }));
    // Two thirds of the way through the log, and not on a batch boundary (batches of 500).
    crashAt = ((await first.store.health()).position! * 2n) / 3n + 7n;
    await expect(first.projector.catchUp()).rejects.toBeInstanceOf(Crash);

    // The register and the approval queue had applied the event that made the audit trail fail: all three rolled back together.
    const stopped = checkpoints(first);
    expect(new Set(Object.values(stopped)).size).toBe(1);
    const at = BigInt(stopped.register!);
    expect(at).toBeLessThan(crashAt);
    expect(at).toBeGreaterThan(0n);
    await expectReadModelsToEqualTheLog(first, at);

    const second = open({ dir, store: first.store });
    expect(await second.projector.catchUp()).toBe(true);
    await expectReadModelsToEqualTheLog(second);
  });

  it("a batch whose checkpoint cannot be written leaves nothing of itself: each checkpoint is written in its batch's transaction", async () => {
    const dir = tempDir();
    // Batches small enough for several to commit before the one refused.
    const first = open({ dir, projector: { batchSize: 100 } });
    await appendAll(first.store, histories({ seed: 22, items: 60, commands: 1500 }));
    const refuseAfter = ((await first.store.health()).position! * 2n) / 3n;
    // The read-model database itself refuses the audit trail's checkpoint past there, as a full disk or a fault would.
    first.database.db.exec(
      `CREATE TRIGGER checkpoint_refused BEFORE UPDATE ON projection_checkpoints
       WHEN NEW.name = 'audit' AND CAST(NEW.position AS INTEGER) > ${refuseAfter}
       BEGIN SELECT RAISE(ABORT, 'checkpoint refused'); END`,
    );
    // Said in full when it fails: whether catchUp ran at all (false: it could not take the lease, and who held it),
    // where the checkpoints stood (past the refusal: the trigger never fired) and whether the trigger was there.
    const outcome = await first.projector.catchUp().then(
      (ran) =>
        `catchUp resolved ${String(ran)}; checkpoints ${JSON.stringify(checkpoints(first))}; refused after ${String(refuseAfter)}; ` +
        `leases ${JSON.stringify(first.database.db.prepare('SELECT * FROM leases').all())}; ` +
        `triggers ${JSON.stringify(first.database.db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all())}`,
      (error: Error) => error.message,
    );
    expect(outcome).toMatch(/checkpoint refused/);

    // The register and the approval queue had applied that batch too: it rolled back with the checkpoint it could not record.
    const stopped = checkpoints(first);
    expect(new Set(Object.values(stopped)).size).toBe(1);
    const at = BigInt(stopped.register!);
    expect(at).toBeGreaterThan(0n);
    expect(at).toBeLessThanOrEqual(refuseAfter);
    await expectReadModelsToEqualTheLog(first, at);

    first.database.db.exec('DROP TRIGGER checkpoint_refused');
    const second = open({ dir, store: first.store });
    expect(await second.projector.catchUp()).toBe(true);
    await expectReadModelsToEqualTheLog(second);
  });

  it('a projector process killed with SIGKILL in the middle of a batch loses nothing and applies nothing twice', async () => {
    const dir = tempDir();
    const side = open({ dir });
    await appendAll(side.store, histories({ seed: 22, items: 60, commands: 2000 }));

    const child = spawn(
      process.execPath,
      ['-r', join(__dirname, '../../scripts/ts-hook.js'), join(__dirname, 'support/projector-child.ts'), dir],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const lines = createInterface({ input: child.stdout });
    let finished = 0;
    await new Promise<void>((resolve) => {
      lines.on('line', (line) => {
        if (line.startsWith('finished')) finished += 1;
        // Batches of 100 events at 2 ms each: 50 ms after the third batch began, it is mid-way.
        if (line === 'began 3') setTimeout(() => resolve(), 50);
      });
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(finished).toBe(2);

    const stopped = checkpoints(side);
    const at = BigInt(stopped.register!);
    expect(Object.values(stopped)).toEqual([stopped.register, stopped.register, stopped.register]);
    await expectReadModelsToEqualTheLog(side, at);

    // The killed process still holds the lease on paper; its process is gone, so a new projector takes it at once.
    expect(await side.projector.catchUp()).toBe(true);
    await expectReadModelsToEqualTheLog(side);
  }, 60_000);

  it('two projectors on the same read models: one projects, the other waits, and takes over when the first stops', async () => {
    const one = open();
    const two = one.another();
    opened.push(two);
    const appends = [...histories({ seed: 23, items: 50, commands: 1500 })];
    await appendAll(one.store, appends.slice(0, 200));
    one.projector.start();
    await projected(one);
    two.projector.start();
    await appendAll(one.store, appends.slice(200, 500));
    await projected(one);
    await one.projector.stop();
    await appendAll(one.store, appends.slice(500));
    await projected(two);
    await expectReadModelsToEqualTheLog(two);
  });

  it('a projector whose lease was taken over applies nothing more: its next batch rolls back', async () => {
    const one = open({ projector: { retryMs: 20 } });
    const two = one.another();
    opened.push(two);
    const appends = [...histories({ seed: 24, items: 40, commands: 1200 })];
    await appendAll(one.store, appends.slice(0, 200));
    one.projector.start();
    await projected(one);
    // As if the first were presumed dead: its lease is gone, and the second takes it.
    one.database.db.prepare("DELETE FROM leases WHERE name = 'projector'").run();
    two.projector.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await appendAll(one.store, appends.slice(200));
    await projected(one);
    await expectReadModelsToEqualTheLog(one);
  });
});
