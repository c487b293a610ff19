import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, WrongExpectedRevision } from '@hmicfrs/event-store';
import { recommendationStream, type Actor } from '@hmicfrs/lifecycle';
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
});
