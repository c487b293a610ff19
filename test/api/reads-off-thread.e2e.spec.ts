import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { exportRegister } from '@hmicfrs/export';
import {
  JacReportService,
  PeopleQueries,
  READ_MODELS_FILE,
  RegisterQueries,
  jacCsv,
  jacDocx,
  jacHtml,
  jacMarkdown,
  type JacReport,
} from '@hmicfrs/projections';
import { buildRegisterStore } from '../../bench/register-store';
import { PEEL_2023, actingAs, openItem } from '../support/api-client';
import { startApi, type RunningApi } from '../support/running-api';

/**
 * Exports and JAC reports are drawn up in worker threads on their own read-only connections
 * (docs/architecture.md, "Heavy reads off the request thread"): the request thread goes on answering
 * while they run, what they answer is byte for byte what the request thread would have drawn up, and a
 * read that names a position still shows the write it names.
 */
const ITEMS = 2_100;
const query = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('exports and JAC reports off the request thread', () => {
  let store: string;
  let api: RunningApi;
  // Known at a fixed moment after the store was built, so that both draw up the same paper.
  let JAC: { asAt: string; previous: string; since: string; knownAt: string };
  // A connection per request (supertest): a kept-alive one may be closed by the server's idle timeout as it is reused.
  const auditor = (path: string, headers: Record<string, string> = {}) =>
    request(api.url)
      .get(path)
      .set({ authorization: api.bearer('ia-khan', 'auditor'), ...headers })
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
  const bytes = async (path: string): Promise<Buffer> => (await auditor(path).expect(200)).body as Buffer;

  beforeAll(async () => {
    store = mkdtempSync(join(tmpdir(), 'hmicfrs-reads-'));
    await buildRegisterStore(join(store, 'events.db'), ITEMS, 20);
    JAC = { asAt: '2023-06-30', previous: '2022-12-31', since: '2021-01-01', knownAt: new Date().toISOString() };
    api = await startApi({ READ_WORKERS: '2' }, { dataDir: withStore(store), people: ['supt-patel'] });
    await api.readModelsCaughtUp();
    // The worker threads start on the first heavy reads (and here transpile the sources): start both before measuring.
    await Promise.all([bytes('/recommendations/export?rag=green'), bytes('/recommendations/export?rag=amber')]);
  }, 180_000);
  afterAll(async () => {
    await api.close();
    rmSync(api.dataDir, { recursive: true, force: true });
    rmSync(store, { recursive: true, force: true });
  });

  it('answers the JAC report in every format with the bytes the request thread draws up', async () => {
    const report = await api.app.get(JacReportService).jacReport(JAC);
    const people = api.app.get(PeopleQueries);
    const inThread: Record<string, Buffer> = {
      json: Buffer.from(JSON.stringify(report)),
      md: Buffer.from(jacMarkdown(report)),
      html: Buffer.from(jacHtml(report)),
      csv: Buffer.from(jacCsv(report)),
      docx: await jacDocx(report, { nameOf: (userId) => people.nameOf(userId) ?? userId }),
    };
    expect((JSON.parse(inThread.json.toString()) as JacReport).register.total.count).toBeGreaterThan(1_000);
    for (const [format, expected] of Object.entries(inThread)) {
      expect({ format, bytes: (await bytes(`/reports/jac?${query({ ...JAC, format })}`)).equals(expected) }).toEqual({
        format,
        bytes: true,
      });
    }
  }, 120_000);

  it('answers the register export as CSV and as XLSX with the same bytes as drawn up in the thread', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const queries = api.app.get(RegisterQueries);
    const csv = await exportRegister(queries, { rag: 'red' }, 'csv', today);
    expect(csv.rows).toBe(ITEMS / 3);
    expect((await bytes('/recommendations/export?rag=red')).equals(csv.bytes)).toBe(true);
    // The workbook is dated the day it is the register as at, not the moment it was made: the whole file is the same.
    const xlsx = await exportRegister(queries, {}, 'xlsx', today);
    expect((await bytes('/recommendations/export?format=xlsx')).equals(xlsx.bytes)).toBe(true);
    expect((await bytes('/recommendations/export?format=xlsx')).equals(xlsx.bytes)).toBe(true);
  }, 120_000);

  it('answers /health within 200 ms while 8 big exports run', async () => {
    const exports = Array.from({ length: 8 }, () => bytes('/recommendations/export?format=xlsx'));
    const slowest = await healthWhile(exports);
    expect(slowest).toBeLessThan(200);
  }, 120_000);

  it('shows a rating in an export that sends its Min-Position, with the projector held back 300 ms', async () => {
    await actingAs(api, 'flo-fletcher', 'liaison').post('/inspections', PEEL_2023).expect(201);
    await openItem(api, 'RW-EXPORT');
    const blocker = new Database(join(api.dataDir, READ_MODELS_FILE));
    blocker.exec('BEGIN IMMEDIATE');
    let position: string;
    try {
      const rated = await actingAs(api, 'supt-patel', 'owner').post('/recommendations/RW-EXPORT/rate', { rag: 'green' }).expect(200);
      position = rated.body.position as string;
    } finally {
      setTimeout(() => {
        blocker.exec('COMMIT');
        blocker.close();
      }, 300);
    }
    const response = await auditor('/recommendations/export?owner=supt-patel', { 'Min-Position': position }).expect(200);
    expect(response.headers['read-models-behind']).toBeUndefined();
    expect((response.body as Buffer).toString()).toMatch(/"RW-EXPORT",.*"green","rag_rated"/);
  });

  /** The slowest of /health's answers, asked one after another until `work` is done. */
  async function healthWhile(work: Promise<unknown>[]): Promise<number> {
    let done = false;
    const all = Promise.all(work).finally(() => (done = true));
    let slowest = 0;
    let asked = 0;
    while (!done) {
      const started = performance.now();
      await request(api.url).get('/health').expect(200);
      slowest = Math.max(slowest, performance.now() - started);
      asked += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await all;
    // Enough answers to have seen the exports at work, not one before they began.
    expect(asked).toBeGreaterThan(5);
    return slowest;
  }
});

/** A data directory of its own holding a copy of the built store. */
function withStore(store: string): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'hmicfrs-reads-api-'));
  copyFileSync(join(store, 'events.db'), join(dataDir, 'events.db'));
  return dataDir;
}
