import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportRejected } from '@hmicfrs/import';
import { recommendationStream } from '@hmicfrs/lifecycle';
import { addPeopleTo } from '../support/people';
import { HEADER, csv, importFixture, row, type ImportFixture } from './import-fixture';

const LIAISON = { userId: 'flo-fletcher', role: 'liaison' } as const;
const sample = () => ({ name: 'sample-register.csv', bytes: readFileSync(join(__dirname, '../../docs/sample-register.csv')) });

describe('importing a register', () => {
  let fixture: ImportFixture;
  beforeEach(async () => {
    fixture = await importFixture();
  });
  afterEach(() => fixture.close());

  it('brings each row to its status through the lifecycle, as at the dates the tracker gives', async () => {
    const report = await fixture.importer.import(sample());
    expect(report).toMatchObject({ rows: 5, imported: 5, alreadyImported: 0, skipped: [], problems: [], inspectionsRecorded: 5 });
    const statuses = await Promise.all(
      ['34', '9159', '10618', 'SOC-AFI-3', 'MH-4'].map(async (id) => {
        const view = await fixture.workflow.item(id, LIAISON);
        return [id, view.status, view.closed];
      }),
    );
    expect(statuses).toEqual([
      ['34', 'self_certified', true],
      ['9159', 'submitted', false],
      ['10618', 'rag_rated', false],
      ['SOC-AFI-3', 'open', false],
      ['MH-4', 'awaiting_hmicfrs', false],
    ]);
    const opened = (await fixture.store.readStream(recommendationStream('10618')))[0];
    expect(opened.metadata.occurredAt).toBe('2019-07-17T00:00:00.000Z');
  });

  it('marks every event as imported: the import, the file and the row; the approver is not the submitter', async () => {
    const report = await fixture.importer.import(sample());
    const events = await fixture.store.readStream(recommendationStream('34'));
    expect(events.map((event) => event.type)).toEqual([
      'RecommendationOpened',
      'RagRated',
      'ProgressNoted',
      'EvidenceAttached',
      'EvidenceAttached',
      'SubmittedForClosure',
      'SelfCertified',
    ]);
    for (const event of events) {
      expect(event.metadata.extra).toMatchObject({ importId: report.importId, fileName: 'sample-register.csv', row: 2 });
    }
    const submitted = events.find((event) => event.type === 'SubmittedForClosure');
    const approved = events.find((event) => event.type === 'SelfCertified');
    expect(submitted?.metadata).toMatchObject({ userId: `import:${report.importId}`, role: 'liaison' });
    expect(approved?.metadata).toMatchObject({ userId: `import:${report.importId}:dcc`, role: 'dcc' });
    expect(events[3].data).toMatchObject({
      evidenceId: 'imported-evidence',
      title: expect.stringContaining('imported from sample-register.csv'),
    });
    expect(events[4].data).toMatchObject({ evidenceId: 'imported-cc-letter', isChiefConstableLetter: true });
  });

  it('changes nothing when the same file is imported again', async () => {
    const first = await fixture.importer.import(sample());
    const position = await fixture.position();
    const second = await fixture.importer.import(sample());
    expect(second).toMatchObject({ importId: first.importId, imported: 0, alreadyImported: 5, inspectionsRecorded: 0, eventsWritten: 0 });
    expect(await fixture.position()).toBe(position);
  });

  it('writes nothing in a dry run, and says what it would do', async () => {
    const report = await fixture.importer.import(sample(), { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, imported: 5, eventsWritten: 0 });
    expect(await fixture.position()).toBe(fixture.start);
  });

  it('leaves items already in the register from elsewhere as they are, and says so', async () => {
    await fixture.importer.import({ name: 'first.csv', bytes: csv([row()]) });
    const position = await fixture.position();
    const report = await fixture.importer.import({ name: 'second.csv', bytes: csv([row({ status: 'open', rag: '' })]) });
    expect(report.skipped).toEqual([
      { row: 2, reference: '34', reason: expect.stringContaining('already in the register (opened by import:') },
    ]);
    expect(await fixture.position()).toBe(position);
  });

  it('reads the spellings trackers use: headers with spaces, "Lv3", "AFI", "Self-certified"', async () => {
    const header = [
      'Inspection ID',
      'Inspection title',
      'Inspection type',
      'Published on',
      'Kind',
      'Reference',
      'Text',
      'Level',
      'Addressee',
      'Portfolio',
      'Owner',
      'RAG',
      'Due date',
      'Status',
    ];
    // The columns those headers stand for, in the same order.
    const keys = HEADER.slice(0, header.length);
    const cells = row({ level: 'Lv3', kind: 'AFI', rag: 'Green', status: 'Self-certified', inspection_type: 'Re-visit' });
    const renamed = Object.fromEntries(keys.map((key, index) => [header[index], cells[key]]));
    const report = await fixture.importer.import({ name: 'tracker.csv', bytes: csv([renamed], header) });
    expect(report.problems).toEqual([]);
    const view = await fixture.workflow.item('34', LIAISON);
    expect(view).toMatchObject({ status: 'self_certified', closed: false, item: { level: 3, kind: 'area_for_improvement' } });
  });

  it('reads UK dates day first (05/03/2023 is 5 March) beside YYYY-MM-DD: every day and month 12 or under, where a US reading would pass', async () => {
    const cells = row({ published_on: '02/11/2022', due_date: '05/03/2023', status_date: '1/12/2022' });
    const report = await fixture.importer.import({
      name: 'tracker.csv',
      bytes: csv([cells, row({ reference: '35', due_date: '2023-04-06' })]),
    });
    expect(report.problems).toEqual([]);
    const [opened, rated] = await fixture.store.readStream(recommendationStream('34'));
    expect(opened.metadata.occurredAt).toBe('2022-11-02T00:00:00.000Z');
    expect(opened.data).toMatchObject({ dueDate: '2023-03-05' });
    expect(rated.metadata.occurredAt).toBe('2022-12-01T12:00:00.000Z');
    expect((await fixture.workflow.item('35', LIAISON)).item.dueDate).toBe('2023-04-06');
  });

  it("takes in the owner column the ids the directory takes, a UPN in any case too, and names the directory's id", async () => {
    await addPeopleTo(fixture.store, [{ id: 'asha.patel@force.police.uk', name: 'Supt Asha Patel' }]);
    const report = await fixture.importer.import({ name: 'upn.csv', bytes: csv([row({ owner: 'Asha.Patel@Force.Police.UK' })]) });
    expect(report).toMatchObject({ imported: 1, problems: [] });
    expect((await fixture.workflow.item('34', LIAISON)).item.owner).toBe('asha.patel@force.police.uk');
  });

  it('refuses an owner nobody added to the directory, naming them, and writes nothing', async () => {
    const refused = (await fixture.importer
      .import({ name: 'nobody.csv', bytes: csv([row({ owner: 'Gareth.Jones@Force.Police.UK' })]) })
      .catch((error: unknown) => error)) as ImportRejected;
    expect(refused).toBeInstanceOf(ImportRejected);
    expect(refused.report.problems).toEqual([
      { row: 2, column: 'owner', reason: expect.stringContaining('nobody called gareth.jones@force.police.uk in the directory') },
    ]);
    expect(await fixture.position()).toBe(fixture.start);
  });
});
