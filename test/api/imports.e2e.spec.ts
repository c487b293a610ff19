import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startApi, type RunningApi } from '../support/running-api';

const SAMPLE = readFileSync(join(__dirname, '../../docs/sample-register.csv'));
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('POST /imports', () => {
  let api: RunningApi;
  /** The position once the sample's owners were in the directory: still there means nothing was imported. */
  let start: unknown;
  beforeAll(async () => {
    api = await startApi({}, { people: ['supt-patel', 'ch-insp-jones'] });
    start = await position();
  });
  afterAll(() => api.close());

  const post = (query: string, body: Buffer | string, type = 'text/csv', role: 'liaison' | 'owner' = 'liaison') =>
    request(api.url).post(`/imports${query}`).set('Authorization', api.bearer('flo-fletcher', role)).set('Content-Type', type).send(body);
  const position = async () => (await request(api.url).get('/health').expect(200)).body.store.position;

  it('is for the liaison officer only', async () => {
    await post('', SAMPLE, 'text/csv', 'owner').expect(403);
  });

  it('refuses a bad file with every problem listed and writes nothing', async () => {
    const bad = Buffer.from(`${SAMPLE.toString('utf8').split(/\r?\n/)[0]},colour\n`);
    const response = await post('?fileName=tracker.csv', bad).expect(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ title: 'Nothing imported', problems: [{ row: 1, column: 'colour' }] });
    expect(await position()).toBe(start);
  });

  it('refuses a file that is not CSV or XLSX with 415, and a body that is not a file', async () => {
    const response = await post('', Buffer.from('%PDF-1.7 ...'), XLSX).expect(415);
    expect(response.body.detail).toContain('it is a PDF');
    await request(api.url).post('/imports').set('Authorization', api.bearer('flo', 'liaison')).send({ file: 'x' }).expect(415);
  });

  it('takes a dry run, then the import, then the same file again without writing', async () => {
    const dry = await post('?dryRun=true&fileName=sample-register.csv', SAMPLE).expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, imported: 5, eventsWritten: 0 });
    expect(await position()).toBe(start);

    const done = await post('?fileName=sample-register.csv', SAMPLE, 'text/csv; charset=utf-8').expect(200);
    expect(done.body).toMatchObject({ imported: 5, problems: [] });
    const after = await position();

    const again = await post('?fileName=sample-register.csv', SAMPLE, 'application/octet-stream').expect(200);
    expect(again.body).toMatchObject({ imported: 0, alreadyImported: 5, eventsWritten: 0 });
    expect(await position()).toBe(after);

    // Every event names the liaison officer who ran the import; the tracker's approval is marked as the tracker's.
    const history = await request(api.url)
      .get('/recommendations/34/history')
      .set('Authorization', api.bearer('audit-khan', 'auditor'))
      .expect(200);
    for (const entry of history.body.events)
      expect(entry).toMatchObject({
        causedBy: 'flo-fletcher',
        imported: { fileName: 'sample-register.csv', row: 2, importedBy: 'flo-fletcher' },
      });
    expect(history.body.events.find((entry: { type: string }) => entry.type === 'SelfCertified').data.fromTracker).toEqual({
      fileName: 'sample-register.csv',
      row: 2,
    });

    const item = await request(api.url).get('/recommendations/9159').set('Authorization', api.bearer('dcc-green', 'dcc')).expect(200);
    expect(item.body).toMatchObject({ status: 'submitted', allowedCommands: expect.arrayContaining(['RETURN']) });
  });

  it('refuses a file over the limit with 413', async () => {
    const before = await position();
    const response = await post('', Buffer.alloc(21 * 1024 * 1024, 'a')).expect(413);
    expect(response.body.detail).toContain('a register file for POST /imports may be up to 20 MB');
    expect(await position()).toBe(before);
  });
});
