import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, WrongExpectedRevision } from '@hmicfrs/event-store';
import { recommendationStream, type Actor } from '@hmicfrs/lifecycle';
import { IdempotencyKeyReused } from './errors';
import { PeopleDirectory } from './people-directory';
import { RecommendationWorkflow } from './recommendation-workflow';

const liaison: Actor = { userId: 'flo-fletcher', role: 'liaison' };
const owner: Actor = { userId: 'supt-patel', role: 'owner' };

/** Two API instances (or the API and the CLI) writing to one store: each its own process-local pipeline. */
describe('the command pipeline, with another writer on the same store', () => {
  let dir: string;
  let stores: SqliteEventStore[];
  let workflows: RecommendationWorkflow[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hmicfrs-pipeline-'));
    stores = [SqliteEventStore.open(join(dir, 'events.db')), SqliteEventStore.open(join(dir, 'events.db'))];
    workflows = stores.map((store) => new RecommendationWorkflow(store, () => new Date()));
    // The owner is in the directory first, as the liaison officer adds them.
    await new PeopleDirectory(stores[0], () => new Date()).add(
      { id: 'supt-patel', name: 'Supt Asha Patel', email: null, roles: ['owner'], portfolio: null },
      { actor: liaison },
    );
    await workflows[0].recordInspectionReport(
      { type: 'RECORD_INSPECTION_REPORT', id: 'peel-2023', reportType: 'peel', title: 'PEEL 2023–25', publishedOn: '2023-09-29' },
      { actor: liaison },
    );
    await workflows[0].open(
      {
        type: 'OPEN_RECOMMENDATION',
        id: '9159',
        reference: '9159',
        kind: 'recommendation',
        inspectionId: 'peel-2023',
        text: 'x',
        level: 3,
        addressee: 'Chief Constables',
        portfolio: 'Crime',
        owner: 'supt-patel',
      },
      { actor: liaison },
    );
  });
  afterEach(async () => {
    await Promise.all(stores.map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('decides again on what the other writer left, so no note is lost and none is refused', async () => {
    const notes = Array.from({ length: 30 }, (_, i) =>
      workflows[i % 2].execute('9159', { type: 'NOTE_PROGRESS', text: `note ${i}` }, { actor: owner }),
    );
    await Promise.all(notes);
    const stored = await stores[0].readStream(recommendationStream('9159'));
    expect(stored.filter((event) => event.type === 'ProgressNoted')).toHaveLength(30);
    expect(stored.map((event) => event.revision)).toEqual(stored.map((_, i) => i));
  });

  it('does not retry a command whose If-Match the other writer made stale', async () => {
    const { revision } = await workflows[0].item('9159', owner);
    await workflows[1].execute('9159', { type: 'NOTE_PROGRESS', text: 'first' }, { actor: owner });
    await expect(
      workflows[0].execute('9159', { type: 'NOTE_PROGRESS', text: 'second' }, { actor: owner, expectedRevision: revision }),
    ).rejects.toBeInstanceOf(WrongExpectedRevision);
  });

  it('decides the retry afresh: a rating the other writer made impossible is refused, not written', async () => {
    await workflows[0].execute('9159', { type: 'RATE', rag: 'green' }, { actor: owner });
    // The second instance folded the item before it was archived elsewhere.
    await workflows[1].item('9159', owner);
    await workflows[0].execute('9159', { type: 'CLOSE_AND_ARCHIVE' }, { actor: { userId: 'hmi-cooper', role: 'hmicfrs' } });
    await expect(workflows[1].execute('9159', { type: 'RATE', rag: 'red' }, { actor: owner })).rejects.toMatchObject({
      name: 'CommandRefused',
      refusal: { code: 'not_allowed_now' },
    });
  });

  /** The store's next append waits until `release`: the request that makes it is in flight meanwhile. */
  function holdNextAppend(store: SqliteEventStore): { reached: Promise<void>; release: () => void } {
    let reached!: () => void;
    let release!: () => void;
    const reachedAppend = new Promise<void>((resolve) => (reached = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const append = store.append.bind(store);
    jest.spyOn(store, 'append').mockImplementationOnce(async (...args) => {
      reached();
      await released;
      return append(...args);
    });
    return { reached: reachedAppend, release };
  }

  const rate = (workflow: RecommendationWorkflow, rag: 'red' | 'green') =>
    workflow.execute('9159', { type: 'RATE', rag }, { actor: owner, idempotencyKey: 'rate-once' });

  const ratings = async () => (await stores[0].readStream(recommendationStream('9159'))).filter((event) => event.type === 'RagRated');

  it('refuses one Idempotency-Key with another body while its first request is still being written, and replays it for the same body', async () => {
    const held = holdNextAppend(stores[0]);
    const first = rate(workflows[0], 'red');
    await held.reached;
    const other = rate(workflows[0], 'green');
    const same = rate(workflows[0], 'red');
    held.release();
    await expect(other).rejects.toBeInstanceOf(IdempotencyKeyReused);
    const [written, replayed] = await Promise.all([first, same]);
    expect(written).toMatchObject({ replayed: false, item: { rag: 'red' } });
    expect(replayed).toMatchObject({ replayed: true, item: { rag: 'red' }, revision: written.revision, position: written.position });
    expect((await ratings()).map((event) => event.data)).toEqual([{ rag: 'red' }]);
  });

  it('answers one Idempotency-Key sent to two instances at once, the first still being written, as what the store kept', async () => {
    const held = holdNextAppend(stores[0]);
    const first = rate(workflows[0], 'red');
    await held.reached;
    // The other instance knows nothing of the request in flight here: it writes its own, and the first learns of it.
    const elsewhere = await rate(workflows[1], 'green');
    held.release();
    await expect(first).rejects.toBeInstanceOf(IdempotencyKeyReused);
    expect(elsewhere).toMatchObject({ replayed: false, item: { rag: 'green' } });
    expect((await ratings()).map((event) => event.data)).toEqual([{ rag: 'green' }]);
    await expect(rate(workflows[0], 'green')).resolves.toMatchObject({ replayed: true, item: { rag: 'green' } });
  });
});
