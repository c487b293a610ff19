import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { Workbook } from 'exceljs';
import { watchEventLoop, type LoopBlocks } from '../../bench/event-loop-watch';
import { HEADER, csv, row } from '../import/import-fixture';
import { startApi, type RunningApi } from '../support/running-api';
import { zipBomb } from '../support/zip-bomb';

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

describe('POST /imports, bounded', () => {
  let api: RunningApi;
  let start: unknown;
  beforeAll(async () => {
    api = await startApi({ IMPORT_MAX_ROWS: '3' }, { people: ['supt-patel', 'ch-insp-jones'] });
    start = await position();
  });
  afterAll(() => api.close());

  const post = (body: Buffer, type = 'text/csv') =>
    request(api.url).post('/imports').set('Authorization', api.bearer('flo-fletcher', 'liaison')).set('Content-Type', type).send(body);
  const position = async () => (await request(api.url).get('/health').expect(200)).body.store.position;
  const rows = (count: number, overrides: Record<string, string> = {}) =>
    Array.from({ length: count }, (_, i) => row({ reference: String(100 + i), ...overrides }));

  it('takes a file of IMPORT_MAX_ROWS rows and refuses one of more with 413, naming the limit, writing nothing', async () => {
    await post(csv(rows(3)), 'text/csv')
      .query({ dryRun: 'true' })
      .expect(200);
    const response = await post(csv(rows(4))).expect(413);
    expect(response.body).toMatchObject({ title: 'Import too large', limit: 'rows', max: 3 });
    expect(response.body.detail).toContain('more than 3 rows; an import takes at most 3 (IMPORT_MAX_ROWS)');
    expect(await position()).toBe(start);
  });

  it('refuses a cell over the cell limit with 413, writing nothing', async () => {
    const response = await post(csv(rows(1, { progress_note: 'n'.repeat(40_000) }))).expect(413);
    expect(response.body).toMatchObject({ limit: 'cell', max: 32_767 });
    expect(response.body.detail).toContain('a cell may hold at most 32767');
    expect(await position()).toBe(start);
  });

  it('refuses a zip bomb with 413 before it inflates, in little memory, writing nothing', async () => {
    const bomb = zipBomb(1024);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const response = await post(bomb, XLSX).expect(413);
    const grew = process.memoryUsage().rss - before;
    expect(response.body).toMatchObject({ limit: 'unzipped' });
    expect(response.body.detail).toContain('The workbook inflates to 1024.0 MB; an import takes at most 100.0 MB inflated');
    expect(grew).toBeLessThan(64 * 1024 * 1024);
    expect(await position()).toBe(start);
    // Deflating the gigabyte that makes the bomb is seconds of CPU in the test itself: on a busy 2-core machine it passed 30 s.
  }, 120_000);
});

describe('POST /imports, many problems', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({}, { people: ['supt-patel', 'ch-insp-jones'] });
  });
  afterAll(() => api.close());

  /** A file of `count` rows, each with the cells `bad`: refused whole (422). */
  const refused = (count: number, bad: Record<string, string>) =>
    request(api.url)
      .post('/imports')
      .set('Authorization', api.bearer('flo-fletcher', 'liaison'))
      .set('Content-Type', 'text/csv')
      .send(csv(Array.from({ length: count }, (_, i) => row({ reference: String(100 + i), ...bad }))))
      .expect(422);

  it('lists the first 1,000 problems and counts them all', async () => {
    const response = await refused(1500, { rag: 'purple' });
    expect(response.body.problems).toHaveLength(1000);
    expect(response.body.problemCount).toBe(1500);
    expect(response.body.problems[0]).toMatchObject({ row: 2, column: 'rag' });
    expect(response.body.detail).toContain('Nothing was imported: 1500 problems');
    expect(response.body.detail).toContain('The first 1000 are listed, and 500 more.');
  });

  it('answers a file of 20,000 bad rows in a few hundred kilobytes, not one line per problem', async () => {
    const position = async () => (await request(api.url).get('/health').expect(200)).body.store.position;
    const before = await position();
    const response = await refused(20_000, { rag: 'purple', level: '9' });
    expect(response.body).toMatchObject({ problemCount: 40_000 });
    expect(response.body.problems).toHaveLength(1000);
    expect(response.text.length).toBeLessThan(512 * 1024);
    expect(await position()).toEqual(before);
  }, 120_000);
});

describe('POST /imports, the largest allowed file', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({}, { people: ['supt-patel', 'ch-insp-jones'] });
  });
  afterAll(() => api.close());

  const note = 'Progress noted at the board meeting; actions are on track.';
  const largest = () => Array.from({ length: 20_000 }, (_, i) => row({ reference: String(100 + i), progress_note: note }));

  /**
   * Dry runs of the files, all at once, watched as issue 14 asks: the memory above idle at its peak, the
   * slowest `/health` answer meanwhile, and the event loop's longest block (this process's: the server is in it).
   */
  async function checked(...files: [body: Buffer, type: string][]): Promise<{ reports: unknown[]; watched: Watched }> {
    const idle = process.memoryUsage().rss;
    const loop = watchEventLoop();
    let peak = idle;
    let slowest = 0;
    let done = false;
    const watch = (async () => {
      while (!done) {
        const asked = Date.now();
        await request(api.url).get('/health').expect(200);
        slowest = Math.max(slowest, Date.now() - asked);
        peak = Math.max(peak, process.memoryUsage().rss);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const responses = await Promise.all(
      files.map(([body, type]) =>
        request(api.url)
          .post('/imports?dryRun=true')
          .set('Authorization', api.bearer('flo-fletcher', 'liaison'))
          .set('Content-Type', type)
          .send(body)
          .expect(200),
      ),
    );
    done = true;
    await watch;
    return {
      reports: responses.map((response) => response.body as unknown),
      watched: { imports: files.length, aboveIdle: peak - idle, slowest, ...loop.stop() },
    };
  }

  interface Watched extends LoopBlocks {
    imports: number;
    aboveIdle: number;
    slowest: number;
  }

  /**
   * Each import within 256 MiB above idle (this process's RSS, the test's own files included), and the event
   * loop never held for 200 ms, so that /health could always answer within 200 ms: the server is in this
   * process, and the loop's longest stretch in the main thread's own CPU time is what the imports hold it for
   * (under 30 ms measured). Its wall time also counts the time the thread waited for a core (260 ms measured
   * at load 8 on 2 cores), and so does a /health answer (1.2 s in a loaded full run): their bounds are looser.
   */
  function expectBounded({ imports, aboveIdle, slowest, longestMs, longestCpuMs }: Watched): void {
    expect(aboveIdle).toBeLessThan(imports * 256 * 1024 * 1024);
    expect(longestCpuMs ?? longestMs).toBeLessThan(200);
    expect(longestMs).toBeLessThan(1000);
    expect(slowest).toBeLessThan(2000);
  }

  it('checks 20,000 rows within 256 MiB above idle, the event loop never blocked for 200 ms', async () => {
    const { reports, watched } = await checked([csv(largest()), 'text/csv']);
    expect(reports).toEqual([expect.objectContaining({ rows: 20_000, imported: 20_000, problemCount: 0 })]);
    expectBounded(watched);
  }, 120_000);

  it('checks a workbook of 20,000 rows and a CSV file of 20,000 at once, each within 256 MiB above idle, the event loop never blocked for 200 ms', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Register');
    sheet.addRow(HEADER);
    sheet.addRows(largest().map((cells) => HEADER.map((column) => cells[column])));
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const { reports, watched } = await checked([bytes, XLSX], [csv(largest()), 'text/csv']);
    expect(reports).toEqual([
      expect.objectContaining({ format: 'xlsx', rows: 20_000, imported: 20_000, problemCount: 0 }),
      expect.objectContaining({ format: 'csv', rows: 20_000, imported: 20_000, problemCount: 0 }),
    ]);
    // Two at once measured 173 MiB alone and 331 MiB in a full run.
    expectBounded(watched);
  }, 180_000);
});
