import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@hmicfrs/event-store';
import { ItemHistoryReader } from '@hmicfrs/workflow';
import { rehashFrom } from '../../libs/seal/test/support/sealed-store';
import { signedIn, startPages, submitForm, type RunningPages } from '../pages/support/running-pages';

const SEALING = { SEAL_EVERY_EVENTS: '1', SEAL_EVERY_MINUTES: '0' };
const ITEM = { kind: 'recommendation', text: 'Identify repeat victims', level: '3', addressee: 'Chief Constables', portfolio: 'Crime' };

/**
 * The running API watches its own history (issue 11): a store file altered while the API was stopped is
 * found when it starts; /health says what is broken; commands on the altered item are refused while
 * its pages and history still read, and say why; other items carry on.
 */
describe('the API verifies its history at start and refuses commands on an altered item', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'integrity-'));
  let pages: RunningPages;
  afterAll(async () => {
    await pages?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const health = async () => (await request(pages.url).get('/health').expect(200)).body as { integrity: Record<string, unknown> };
  /** /health once the watch has verified through the last checkpoint written. */
  async function settledHealth(sealedAtLeast: number) {
    // Up to 15 s: the first checkpoint starts the verifier's worker thread, which under jest transpiles the sources it loads.
    for (let attempt = 0; attempt < 600; attempt += 1) {
      const body = (await request(pages.url).get('/health').expect(200)).body as {
        seal: { lastSequence: number | null };
        integrity: { state: string; lastVerifiedSequence: number | null };
      };
      const sealed = body.seal.lastSequence ?? 0;
      if (sealed >= sealedAtLeast && body.integrity.state !== 'verifying' && body.integrity.lastVerifiedSequence === sealed) return body;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the API did not seal and verify its history within 15 s');
  }

  it('a sealed history verifies while the API runs, and /health says how far', async () => {
    pages = await startPages({ DATA_DIR: dataDir, ...SEALING });
    const flo = await signedIn(pages.url, 'flo-fletcher');
    const owner = await signedIn(pages.url, 'supt-patel');
    await submitForm(flo, '/app/inspection-reports/new', {
      title: 'PEEL 2023–25',
      id: 'peel-2023',
      reportType: 'peel',
      'publishedOn-day': '29',
      'publishedOn-month': '9',
      'publishedOn-year': '2023',
    }).then((r) => expect(r.status).toBe(303));
    for (const reference of ['P-1', 'P-2']) {
      await submitForm(flo, '/app/inspection-reports/peel-2023/items/new', { ...ITEM, reference, owner: 'supt-patel' }).then((r) =>
        expect(r.status).toBe(303),
      );
    }
    await submitForm(owner, '/app/items/P-1/rate', { rag: 'red' }).then((r) => expect(r.status).toBe(303));

    const body = await settledHealth(4);
    expect(body.integrity).toMatchObject({ state: 'intact', broken: [], failing: null });
    const page = await owner.get('/app/items/P-1').expect(200);
    expect(page.text).toContain('Sealed history verifies');
    await pages.close();
  });

  it('the last event of an item deleted while the API was stopped: found at start, named on /health', async () => {
    const db = new Database(join(dataDir, 'events.db'));
    const deleted = db.prepare("DELETE FROM events WHERE stream_id = 'recommendation-P-1' AND type = 'RagRated'").run();
    db.close();
    expect(deleted.changes).toBe(1);

    pages = await startPages({ DATA_DIR: dataDir, ...SEALING });
    await settledHealth(4);
    const { integrity } = await health();
    expect(integrity.state).toBe('broken');
    expect(integrity.broken).toEqual([
      expect.objectContaining({
        kind: 'checkpoint-mismatch',
        stream: null,
        message: expect.stringMatching(/^checkpoint #\d+ .* no longer matches/),
      }),
      expect.objectContaining({
        kind: 'deleted-event',
        stream: 'recommendation-P-1',
        message: expect.stringMatching(
          /recommendation-P-1 revision 1 \(then its last event\), sealed by checkpoint #\d+ \(positions \d+\.\.\d+\), is gone/,
        ),
      }),
    ]);
  });

  it('a command on the altered item is refused with 423, naming the stream and what is wrong; nothing is recorded', async () => {
    const owner = await signedIn(pages.url, 'supt-patel');
    const refused = await submitForm(owner, '/app/items/P-1/rate', { rag: 'green' });
    expect(refused.status).toBe(423);
    expect(refused.text).toContain('The history of this item has been altered');
    expect(refused.text).toContain('The history of recommendation-P-1 no longer verifies against its signed checkpoints');
    expect(refused.text).toContain('revision 1 (then its last event)');

    const stored = await pages.app.get<EventStore>(EVENT_STORE).readStream('recommendation-P-1');
    expect(stored.map((event) => event.type)).toEqual(['RecommendationOpened']);
  });

  it('the item page and the auditor’s history still read, and say the history is altered; no action is offered', async () => {
    const owner = await signedIn(pages.url, 'supt-patel');
    const page = await owner.get('/app/items/P-1').expect(200);
    expect(page.text).toContain("This item's history no longer verifies against its signed checkpoints.");
    expect(page.text).toContain('recommendation-P-1 revision 1 (then its last event)');
    expect(page.text).toContain('Nothing can be recorded on this item while its history does not verify.');
    expect(page.text).not.toContain('data-testid="actions"');

    const auditor = await signedIn(pages.url, 'audit-khan');
    const auditorsPage = await auditor.get('/app/items/P-1').expect(200);
    expect(auditorsPage.text).toContain('Sealed history does not verify');
    // What GET /recommendations/P-1/history answers an auditor.
    const history = await pages.app.get(ItemHistoryReader).history('P-1');
    expect(history.sealed).toEqual({
      verifies: false,
      problems: [expect.objectContaining({ kind: 'deleted-event', message: expect.stringContaining('recommendation-P-1 revision 1') })],
    });
  });

  it('another item whose history verifies still takes commands', async () => {
    const owner = await signedIn(pages.url, 'supt-patel');
    await submitForm(owner, '/app/items/P-2/rate', { rag: 'amber' }).then((r) => expect(r.status).toBe(303));
    const page = await owner.get('/app/items/P-2').expect(200);
    expect(page.text).toContain('Sealed history verifies');
  });

  it('an item changed while the API was stopped, its chain re-hashed so that it holds: found against the checkpoints, its commands refused', async () => {
    await settledHealth(5);
    await pages.close();
    const db = new Database(join(dataDir, 'events.db'));
    rehashFrom(db, 'recommendation-P-2', 0, (data) => (data.text = 'Identify nobody'));
    db.close();

    pages = await startPages({ DATA_DIR: dataDir, ...SEALING });
    await settledHealth(5);
    const { integrity } = await health();
    expect(integrity.broken).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'rehashed-stream',
          stream: 'recommendation-P-2',
          message: expect.stringContaining('its chain holds'),
        }),
      ]),
    );
    const owner = await signedIn(pages.url, 'supt-patel');
    const refused = await submitForm(owner, '/app/items/P-2/rate', { rag: 'green' });
    expect(refused.status).toBe(423);
    expect(refused.text).toContain('The history of recommendation-P-2 no longer verifies against its signed checkpoints');
    const stored = await pages.app.get<EventStore>(EVENT_STORE).readStream('recommendation-P-2');
    expect(stored.map((event) => event.type)).toEqual(['RecommendationOpened', 'RagRated']);
  });
});
