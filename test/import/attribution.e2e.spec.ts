import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccessDenied } from '@hmicfrs/auth';
import { recommendationStream } from '@hmicfrs/lifecycle';
import { ItemHistoryReader } from '@hmicfrs/workflow';
import { importFixture, type ImportFixture } from './import-fixture';

const sample = () => ({ name: 'sample-register.csv', bytes: readFileSync(join(__dirname, '../../docs/sample-register.csv')) });

/** docs/architecture.md, "Events and their metadata": every fact names the person who caused it. */
describe('an import, attributed', () => {
  let fixture: ImportFixture;
  beforeEach(async () => {
    fixture = await importFixture();
  });
  afterEach(() => fixture.close());

  it('names the liaison officer who ran it on every event, apart from the stand-in that acted in each role', async () => {
    const report = await fixture.importer.import(sample());
    const events = await fixture.store.readStream(recommendationStream('34'));
    for (const event of events) expect(event.metadata.causedBy).toBe(fixture.liaison.userId);
    expect(events.find((event) => event.type === 'SelfCertified')?.metadata).toMatchObject({
      userId: `import:${report.importId}:dcc`,
      role: 'dcc',
      causedBy: 'flo-fletcher',
    });
    const [inspection] = await fixture.store.readStream('inspection-vmm-2022');
    expect(inspection.metadata.causedBy).toBe('flo-fletcher');
  });

  it("records the tracker's approval as what it is: the tracker's, from its file and row", async () => {
    await fixture.importer.import(sample());
    const events = await fixture.store.readStream(recommendationStream('34'));
    expect(events.find((event) => event.type === 'SelfCertified')?.data).toMatchObject({
      fromTracker: { fileName: 'sample-register.csv', row: 2 },
    });
    const toHmicfrs = (await fixture.store.readStream(recommendationStream('MH-4'))).find((event) => event.type === 'SubmittedToHmicfrs');
    expect(toHmicfrs?.data).toMatchObject({ fromTracker: { fileName: 'sample-register.csv' } });
  });

  it('shows in the history API where each event came from, and who brought it in', async () => {
    const report = await fixture.importer.import(sample());
    const history = await new ItemHistoryReader(fixture.store).history('34');
    const approval = history.events.find((entry) => entry.type === 'SelfCertified');
    expect(approval).toMatchObject({
      causedBy: 'flo-fletcher',
      imported: { importId: report.importId, fileName: 'sample-register.csv', row: 2, importedBy: 'flo-fletcher' },
    });
  });

  it('is run by a liaison officer only: the policy table holds on this road too', async () => {
    await expect(fixture.importer.import(sample(), { by: { userId: 'supt-patel', role: 'owner' } })).rejects.toBeInstanceOf(AccessDenied);
    expect(await fixture.position()).toBe(fixture.start);
  });

  it("a person's own command names them as its cause", async () => {
    await fixture.importer.import(sample());
    await fixture.workflow.execute(
      '10618',
      { type: 'NOTE_PROGRESS', text: 'Board met' },
      { actor: { userId: 'flo-fletcher', role: 'liaison' } },
    );
    const history = await new ItemHistoryReader(fixture.store).history('10618');
    expect(history.events.at(-1)).toMatchObject({ userId: 'flo-fletcher', causedBy: 'flo-fletcher', imported: null });
  });
});
