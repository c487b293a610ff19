import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import request from 'supertest';
import { startApi, type RunningApi } from '../support/running-api';

const SAMPLE = readFileSync(join(__dirname, '../../docs/sample-register.csv'));

describe('GET /recommendations/export', () => {
  let api: RunningApi;
  const get = (query: string) =>
    request(api.url)
      .get(`/recommendations/export${query}`)
      .set('Authorization', api.bearer('audit-khan', 'auditor'))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
  const lines = (body: Buffer) =>
    body
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');

  beforeAll(async () => {
    api = await startApi({}, { people: ['supt-patel', 'ch-insp-jones'] });
    await request(api.url)
      .post('/imports?fileName=sample-register.csv')
      .set('Authorization', api.bearer('flo', 'liaison'))
      .set('Content-Type', 'text/csv')
      .send(SAMPLE)
      .expect(200);
    // The register is a projection: wait until it has caught up with every event of the import.
    await api.readModelsCaughtUp();
  });
  afterAll(() => api.close());

  it('answers the whole register as CSV that opens in Excel', async () => {
    const response = await get('').expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="register-\d{4}-\d{2}-\d{2}\.csv"$/);
    const csv = lines(response.body);
    expect(csv[0]).toMatch(/^"Reference","Kind","Inspection report"/);
    expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(['"34"', '"9159"', '"10618"', '"MH-4"', '"SOC-AFI-3"']);
  });

  it('filters as the register query does', async () => {
    expect(
      lines((await get('?status=rag_rated,submitted').expect(200)).body)
        .slice(1)
        .map((line) => line.split(',')[0]),
    ).toEqual(['"9159"', '"10618"']);
    expect(
      lines((await get('?kind=cause_of_concern&rag=green').expect(200)).body)
        .slice(1)
        .map((line) => line.split(',')[0]),
    ).toEqual(['"9159"']);
    expect(lines((await get('?closed=true').expect(200)).body)).toHaveLength(2);
  });

  it('answers XLSX with the same rows', async () => {
    const response = await get('?format=xlsx&report=vmm-2022').expect(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new Workbook();
    await workbook.xlsx.load(response.body);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('Reference');
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe('34');
  });

  it('answers the same register as the same XLSX bytes, drawn up seconds apart, dated the day it is as at', async () => {
    const response = await get('?format=xlsx').expect(200);
    const first = response.body as Buffer;
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const again = (await get('?format=xlsx').expect(200)).body as Buffer;
    expect(again.equals(first)).toBe(true);
    const workbook = new Workbook();
    await workbook.xlsx.load(response.body);
    expect(workbook.created.toISOString()).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00.000Z$/);
  });

  it('refuses a filter it cannot read, naming it', async () => {
    const response = await get('?status=finished').expect(400);
    expect(JSON.parse(response.body.toString()).detail).toContain('status must be one or more of open');
    await get('?format=pdf').expect(400);
    // Names every object inherits are no filter's values, on the export and on the register's list alike.
    for (const filter of ['status', 'kind', 'rag', 'level', 'sort']) {
      for (const inherited of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
        expect(JSON.parse((await get(`?${filter}=${inherited}`).expect(400)).body.toString()).detail).toContain(filter);
        const list = await request(api.url)
          .get(`/recommendations?${filter}=${inherited}`)
          .set('Authorization', api.bearer('audit-khan', 'auditor'))
          .expect(400);
        expect(list.body.detail).toContain(filter);
      }
    }
    await request(api.url).get('/recommendations/export').expect(401);
  });
});
