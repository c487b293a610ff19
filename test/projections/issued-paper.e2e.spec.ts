import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { startApi, type RunningApi } from '../support/running-api';
import { ApiCommittee, PEOPLE } from './support/api-committee';
import { cli } from './support/cli';
import { bytesOf, readDocx } from './support/docx-tables';
import { as } from './support/http';
import { tempDir } from './support/read-side';

const SEALING = { SEAL_EVERY_EVENTS: '3', SEAL_EVERY_MINUTES: '0' };
const COMMITTEE = { asAt: '2024-06-27', previous: '2024-03-21', since: '2023-08-01' };
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * "Issue the paper": recorded once with what draws it up again (the dates, knownAt, SHA-256, the latest
 * checkpoint); the same bytes after the API is stopped, its read models rebuilt by `cli rebuild` in
 * another process and the API started again on the same SQLite files; a correction recorded afterwards
 * changes the comparison, never the issued paper.
 */
describe('an issued committee paper', () => {
  jest.setTimeout(120_000);
  let dataDir: string;
  let api: RunningApi;
  beforeAll(() => {
    dataDir = tempDir();
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const document = async () =>
    (await as(api, 'audit-khan', 'auditor').get('/papers/jac-2024-06-27/document').buffer(true).parse(bytesOf).expect(200)).body as Buffer;

  it('regenerates byte for byte after a restart and a rebuild, and shows a later correction in the comparison', async () => {
    api = await startApi(SEALING, { people: PEOPLE, dataDir });
    const committee = new ApiCommittee(api);
    await committee.inspection('peel-2023', 'PEEL 2023/2025', '2023-09-29', 'peel');
    for (const n of [1, 2, 3, 4]) {
      const item = await committee.item(`R-${n}`, { kind: 'recommendation', level: 3, inspectionId: 'peel-2023', openedOn: '2023-10-01' });
      if (n <= 2) await item.submit('2024-05-02');
      if (n === 3) await item.rate('red', '2024-05-02');
    }
    await api.readModelsCaughtUp();
    // The paper ends with the latest checkpoint: wait for the sealer (hashing in its own thread) to write one.
    for (
      let tries = 0;
      tries < 300 && ((await as(api, 'audit-khan', 'auditor').get('/health')).body.seal?.lastSequence ?? 0) < 1;
      tries += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Only the liaison officer issues it (the policy's paper.issue).
    await as(api, 'supt-patel', 'owner').post('/papers', COMMITTEE).expect(403);

    const { body: paper } = await as(api, 'flo-fletcher', 'liaison').post('/papers', COMMITTEE).expect(201);
    expect(paper).toMatchObject({
      id: 'jac-2024-06-27',
      committeeDate: '2024-06-27',
      previousCommitteeDate: '2024-03-21',
      countedFrom: '2023-08-01',
      contact: { name: 'Flo Fletcher', title: 'HMICFRS Force Liaison Officer' },
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      checkpoint: { sequence: expect.any(Number), root: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(Date.parse(paper.knownAt)).toBeLessThanOrEqual(Date.now());
    // Issued once: a correction shows in the comparison, not in a second paper.
    const again = await as(api, 'flo-fletcher', 'liaison').post('/papers', COMMITTEE).expect(409);
    expect(again.body.detail).toBe('The paper for the committee of 2024-06-27 was issued already');

    const issued = await document();
    expect(sha256(issued)).toBe(paper.sha256);
    const words = readDocx(issued);
    expect(words.tables[0]).toEqual([
      ['Closed (since Aug 2023)', 'Total Number submitted'],
      ['Recommendation Lv3', '2 (+2)'],
      ['Total', '2 (+2)'],
    ]);
    expect(words.paragraphs).toContain('Name: Flo Fletcher');
    expect(words.paragraphs.at(-1)).toMatch(new RegExp(`^Sealed by checkpoint #${paper.checkpoint.sequence} `));

    // Stop it; rebuild the read models from the SQLite store in another process; start it again.
    await api.close();
    const rebuilt = await cli(dataDir, 'rebuild');
    expect(rebuilt.code).toBe(0);
    api = await startApi(SEALING, { dataDir });
    await api.readModelsCaughtUp();
    expect((await document()).equals(issued)).toBe(true);
    expect((await as(api, 'audit-khan', 'auditor').get('/papers/jac-2024-06-27').expect(200)).body).toEqual(paper);

    // A correction recorded after the paper about the committee's period: R-4 was submitted on 20 June.
    const later = new ApiCommittee(api);
    await (await later.existing('R-4', 3).rate('amber', '2024-06-20')).submit('2024-06-20');
    await api.readModelsCaughtUp();

    expect((await document()).equals(issued)).toBe(true);
    const { body: comparison } = await as(api, 'audit-khan', 'auditor').get('/papers/jac-2024-06-27/comparison').expect(200);
    expect(comparison.changed).toEqual([
      { figure: 'Recommendation Lv3 submitted for closure', issued: '2 (+2)', now: '3 (+3)' },
      { figure: 'Total submitted for closure', issued: '2 (+2)', now: '3 (+3)' },
      { figure: 'RAG amber', issued: '0', now: '1' },
      { figure: 'RAG not yet rated', issued: '1', now: '0' },
      { figure: 'Recommendations from PEEL 2023/2025 submitted for closure', issued: '2', now: '3' },
    ]);
    expect(comparison.correctedItems).toEqual(['R-4']);
    expect(comparison.words).toMatch(
      /^5 figures have changed since it was issued: Recommendation Lv3 submitted for closure 2 \(\+2\) → 3 \(\+3\); .*, because of events recorded after \d\d:\d\d UTC on \d+ \w+ \d{4} \(about R-4\)\.$/,
    );
    // And the paper drawn up from the record as it stands now shows the correction.
    const today = readDocx(await later.docx(COMMITTEE));
    expect(today.tables[0]).toContainEqual(['Recommendation Lv3', '3 (+3)']);
  });

  it('a retry with the same Idempotency-Key answers with the paper issued the first time; other dates for that committee under that key are refused', async () => {
    const next = { asAt: '2024-09-26', previous: '2024-06-27', since: '2023-08-01' };
    const issue = (dates: object) => as(api, 'flo-fletcher', 'liaison').post('/papers', dates).set('Idempotency-Key', 'issue-september');
    const { body: first } = await issue(next).expect(201);
    // Drawn up again a moment later (another knownAt, perhaps another hash): still the same request.
    const { body: retried } = await issue(next).expect(201);
    expect(retried).toEqual(first);
    const refused = await issue({ ...next, previous: '2024-07-01' }).expect(422);
    expect(refused.body.detail).toMatch(/Idempotency-Key/);
    const { body: issued } = await as(api, 'audit-khan', 'auditor').get('/papers/jac-2024-09-26').expect(200);
    expect(issued).toEqual(first);
  });

  it('a paper never issued is not found', async () => {
    await as(api, 'audit-khan', 'auditor').get('/papers/jac-2020-12-22/document').expect(404);
    await as(api, 'audit-khan', 'auditor').get('/papers/jac-2020-12-22/comparison').expect(404);
  });
});
