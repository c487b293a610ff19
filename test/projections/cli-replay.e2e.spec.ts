import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@hmicfrs/event-store';
import { RecommendationWorkflow } from '@hmicfrs/workflow';
import { addPeopleTo } from '../support/people';
import { cliWith } from './support/cli';
import { tempDir } from './support/read-side';

/** What a note can carry to clear a screen, set the terminal's title, move the cursor or reorder a line. */
const HOSTILE = 'done\u001b[2J\u001b]0;pwned\u0007 \u009b31m \u202eevil\rforged line';
// The controls `oneLine` escapes: C0 (tab and newline too), DEL, C1, and the bidirectional and line-breaking ones.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** `cli replay` prints what people typed (notes, reasons, titles, names) without handing the terminal its control characters. */
describe('npm run cli -- replay', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDir();
    const store = SqliteEventStore.open(join(dataDir, 'events.db'));
    const clock = () => new Date();
    await addPeopleTo(store, ['supt-patel'], clock);
    const workflow = new RecommendationWorkflow(store, clock);
    const liaison = { actor: { userId: 'flo-fletcher', role: 'liaison' as const } };
    const owner = { actor: { userId: 'supt-patel', role: 'owner' as const } };
    await workflow.recordInspectionReport(
      { type: 'RECORD_INSPECTION_REPORT', id: 'peel-2023', reportType: 'peel', title: `PEEL ${HOSTILE}`, publishedOn: '2023-09-29' },
      liaison,
    );
    await workflow.open(
      {
        type: 'OPEN_RECOMMENDATION',
        id: 'R-1',
        reference: 'R-1',
        kind: 'recommendation',
        inspectionId: 'peel-2023',
        text: `Text ${HOSTILE}`,
        level: 3,
        addressee: 'Chief Constables',
        portfolio: 'Crime',
        owner: 'supt-patel',
      },
      liaison,
    );
    await workflow.execute('R-1', { type: 'NOTE_PROGRESS', text: HOSTILE }, owner);
    await workflow.execute('R-1', { type: 'CHANGE_DUE_DATE', dueDate: '2099-03-31', reason: `Reason ${HOSTILE}` }, liaison);
    await workflow.execute(
      'R-1',
      {
        type: 'ATTACH_EVIDENCE',
        evidenceId: 'e-1',
        title: `Title ${HOSTILE}`,
        isChiefConstableLetter: false,
        heldElsewhere: { location: `Share ${HOSTILE}`, description: 'd' },
      },
      owner,
    );
    await store.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints every control character of a note, a reason and a title as an escape', async () => {
    const { code, stdout, stderr } = await cliWith({ NO_COLOR: '1' }, dataDir, 'replay', 'R-1');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/ProgressNoted: "done\\u001b\[2J\\u001b\]0;pwned\\u0007 \\u009b31m \\u202eevil\\u000dforged line"/);
    expect(stdout).toContain('reason: Reason done\\u001b[2J');
    expect(stdout).toContain('EvidenceAttached: Title done\\u001b[2J');
    for (const line of stdout.split('\n')) expect(line).not.toMatch(CONTROL);
  }, 120_000);
});
