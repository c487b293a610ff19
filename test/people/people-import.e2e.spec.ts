import request from 'supertest';
import type { Role } from '@hmicfrs/auth';
import { startApi, type RunningApi } from '../support/running-api';

const GOOD = [
  'id,name,email,roles,portfolio',
  'Asha.Patel@Force.Police.UK,Supt Asha Patel,asha.patel@force.police.uk,owner,Public protection',
  'ben.okafor,Ch Insp Ben Okafor,,owner;dcc,',
].join('\r\n');

/** POST /people/import: a CSV of people through the same rule as POST /people, all or nothing. */
describe('POST /people/import', () => {
  let api: RunningApi;
  const post = (body: string | Buffer, query = '', role: Role = 'liaison', type = 'text/csv') =>
    request(api.url)
      .post(`/people/import${query}`)
      .set('Authorization', api.bearer('flo-fletcher', role))
      .set('Content-Type', type)
      .send(Buffer.isBuffer(body) ? body : Buffer.from(body));
  const position = async () => (await request(api.url).get('/health').expect(200)).body.store.position as unknown;
  const listed = async () => {
    await api.readModelsCaughtUp();
    return (await request(api.url).get('/people').set('Authorization', api.bearer('dcc-green', 'dcc')).expect(200)).body.people;
  };

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('is for the liaison officer only', async () => {
    const before = await position();
    await post(GOOD, '', 'owner').expect(403);
    await post(GOOD, '', 'dcc').expect(403);
    expect(await position()).toBe(before);
  });

  it('lists every bad cell by row and column, counts them, and adds nobody', async () => {
    const before = await position();
    const bad = [
      'id,name,email,roles,portfolio',
      'good.one,Good One,,owner,',
      'not an id,,nope,chief,',
      'system:reminders,Reminders,,owner,',
      'good.one,Good One Again,,owner,',
    ].join('\n');
    const refused = await post(bad, '?fileName=people.csv').expect(422);
    expect(refused.body).toMatchObject({ title: 'Nothing imported', problemCount: 6 });
    expect(refused.body.problems).toEqual([
      expect.objectContaining({ row: 3, column: 'id' }),
      expect.objectContaining({ row: 3, column: 'name' }),
      expect.objectContaining({ row: 3, column: 'email' }),
      expect.objectContaining({ row: 3, column: 'roles', reason: expect.stringContaining('chief is not a role') }),
      { row: 4, column: 'id', reason: 'system:reminders names a part of this system, not a person' },
      { row: 5, column: 'id', reason: 'Good One (good.one) is already on row 2 of this file, with other details' },
    ]);
    expect(await position()).toBe(before);
  });

  it('a header without the columns is a problem on row 1', async () => {
    const refused = await post('name,colour\nX,red\n').expect(422);
    expect(refused.body.problems).toEqual([
      expect.objectContaining({ row: 1, column: 'id' }),
      expect.objectContaining({ row: 1, column: 'roles' }),
    ]);
  });

  it('lists the first 1,000 problems and counts the rest', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `bad id ${i},X,,owner,`);
    const refused = await post(['id,name,email,roles,portfolio', ...rows].join('\n')).expect(422);
    expect(refused.body.problems).toHaveLength(1000);
    expect(refused.body.problemCount).toBe(1200);
  });

  it('checks in a dry run and writes nothing, then adds everyone with ids normalised, then the same file again writes nothing', async () => {
    const before = await position();
    const dry = await post(GOOD, '?dryRun=true').expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, rows: 2, added: ['asha.patel@force.police.uk', 'ben.okafor'], eventsWritten: 0 });
    expect(await position()).toBe(before);

    const done = await post(GOOD, '?fileName=people.csv').expect(200);
    expect(done.body).toMatchObject({ added: ['asha.patel@force.police.uk', 'ben.okafor'], eventsWritten: 2, problems: [] });
    expect(await listed()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'asha.patel@force.police.uk', name: 'Supt Asha Patel', roles: ['owner'], addedBy: 'flo-fletcher' }),
        expect.objectContaining({ id: 'ben.okafor', roles: ['owner', 'dcc'], email: null, portfolio: null, addedBy: 'flo-fletcher' }),
      ]),
    );
    const after = await position();

    const again = await post(GOOD).expect(200);
    expect(again.body).toMatchObject({ added: [], alreadyInDirectory: ['asha.patel@force.police.uk', 'ben.okafor'], eventsWritten: 0 });
    expect(await position()).toBe(after);
  });

  it('takes the file as a multipart form too', async () => {
    const sent = await request(api.url)
      .post('/people/import?dryRun=true')
      .set('Authorization', api.bearer('flo-fletcher', 'liaison'))
      .attach('file', Buffer.from('id,name,roles\ncara.ng,Cara Ng,hmicfrs\n'), 'people.csv')
      .expect(200);
    expect(sent.body).toMatchObject({ fileName: 'people.csv', added: ['cara.ng'], eventsWritten: 0 });
  });

  it('someone already in the directory with other details is an error naming the row, and nobody is added', async () => {
    const before = await position();
    const refused = await post('id,name,roles\nnew.person,New Person,owner\nASHA.PATEL@force.police.uk,Asha Patel,owner\n').expect(422);
    expect(refused.body.problems).toEqual([
      { row: 3, column: 'id', reason: 'Supt Asha Patel (asha.patel@force.police.uk) is already in the directory, with other details' },
    ]);
    expect(await position()).toBe(before);
  });

  it('refuses a file that is not CSV with 415, saying so in the words of a people file', async () => {
    const pdf = await post(Buffer.from('%PDF-1.7 ...'), '', 'liaison', 'application/octet-stream').expect(415);
    expect(pdf.body).toMatchObject({ title: 'Not a file of people', detail: expect.stringContaining('it is a PDF') });
    await post('id,name,roles\n"unclosed,X,owner\n').expect(415);
  });

  it('refuses a file over the limit with 413, writing nothing', async () => {
    const before = await position();
    const big = `id,name,roles\n${'x,X,owner\n'.repeat(300_000)}`;
    const refused = await post(big).expect(413);
    expect(refused.body.detail).toContain('at most 2.0 MB');
    expect(await position()).toBe(before);
  });
});
