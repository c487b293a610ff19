import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessDenied, NotSignedIn } from '@hmicfrs/auth';
import { SqliteEventStore } from '@hmicfrs/event-store';
import { sessionsStream } from '@hmicfrs/lifecycle';
import { Sessions } from './sessions';

describe('Sessions over one SQLite file opened twice (two instances)', () => {
  const timeouts = { idleMs: 30 * 60_000, maxMs: 8 * 3_600_000 };
  const owner = { userId: 'supt-patel', role: 'owner' as const };
  const liaison = { userId: 'flo-fletcher', role: 'liaison' as const };
  const dcc = { userId: 'dcc-green', role: 'dcc' as const };
  let dir: string;
  let stores: SqliteEventStore[];
  let here: Sessions;
  let there: Sessions;
  let now: number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sessions-'));
    stores = [SqliteEventStore.open(join(dir, 'events.db')), SqliteEventStore.open(join(dir, 'events.db'))];
    now = Date.parse('2026-12-03T09:00:00.000Z');
    here = new Sessions(stores[0], () => new Date(now), timeouts);
    there = new Sessions(stores[1], () => new Date(now), timeouts);
  });
  afterEach(async () => {
    await Promise.all(stores.map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('a session ended on one is refused by the other; signing out of it again writes nothing', async () => {
    const id = await here.start(owner, 'users-file');
    await expect(there.assertLive(id, owner)).resolves.toBeUndefined();
    await here.end(id, owner);
    await expect(there.assertLive(id, owner)).rejects.toThrow(NotSignedIn);
    await there.end(id, owner);
    expect((await stores[0].readStream(sessionsStream(owner.userId))).map((event) => event.type)).toEqual([
      'SessionStarted',
      'SessionEnded',
    ]);
  });

  it('only the liaison officer ends another person’s sessions; anyone ends their own', async () => {
    const id = await here.start(owner, 'provider');
    await expect(there.endAll(owner.userId, { actor: dcc })).rejects.toThrow(AccessDenied);
    await expect(there.assertLive(id, owner)).resolves.toBeUndefined();
    expect(await there.endAll(owner.userId, { actor: liaison })).toBe(1);
    await expect(here.assertLive(id, owner)).rejects.toThrow(/ended/);
    const mine = await here.start(dcc, 'provider');
    expect(await there.endAll(dcc.userId, { actor: dcc })).toBe(1);
    await expect(here.assertLive(mine, dcc)).rejects.toThrow(/ended/);
  });

  it('nobody starts or ends a single session for someone else', async () => {
    const id = await here.start(owner, 'users-file');
    await expect(there.end(id, liaison)).resolves.toBeUndefined();
    // `end` acts on the signer-out's own stream: the owner's session is untouched.
    await expect(here.assertLive(id, owner)).resolves.toBeUndefined();
  });
});
