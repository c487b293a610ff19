import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { Role } from '@hmicfrs/auth';
import { startApi, type RunningApi } from '../support/running-api';
import { DOCX, PNG, pdf } from './support';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every file under the evidence store's content and staging directories. */
function storedFiles(dataDir: string): string[] {
  const walk = (dir: string): string[] => {
    let names: string[];
    try {
      names = readdirSync(dir, { withFileTypes: true })
        .map((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]))
        .flat() as unknown as string[];
    } catch {
      return [];
    }
    return names;
  };
  return walk(join(dataDir, 'evidence'));
}

describe('evidence documents over the JSON API', () => {
  let api: RunningApi;
  const as = (userId: string, role: Role) => ({
    post: (path: string) => request(api.url).post(path).set('Authorization', api.bearer(userId, role)),
    get: (path: string) => request(api.url).get(path).set('Authorization', api.bearer(userId, role)),
  });
  const liaison = () => as('flo-fletcher', 'liaison');
  const owner = () => as('supt-patel', 'owner');
  const dcc = () => as('dcc-green', 'dcc');

  beforeAll(async () => {
    api = await startApi({ EVIDENCE_MAX_MB: '1' }, { people: ['supt-patel', 'ch-insp-jones'] });
    await liaison()
      .post('/inspections')
      .send({ id: 'peel-2023', reportType: 'peel', title: 'PEEL 2023–25', publishedOn: '2023-09-29' })
      .expect(201);
  });
  afterAll(() => api.close());

  async function openItem(reference: string, level = 3) {
    await liaison()
      .post('/recommendations')
      .send({
        reference,
        kind: 'recommendation',
        inspectionId: 'peel-2023',
        text: `Recommendation ${reference}`,
        level,
        addressee: 'Chief Constables',
        portfolio: 'Crime',
        owner: 'supt-patel',
      })
      .expect(201);
    await owner().post(`/recommendations/${reference}/rate`).send({ rag: 'amber' }).expect(200);
  }

  async function history(reference: string) {
    const response = await as('audit-khan', 'auditor').get(`/recommendations/${reference}/history`).expect(200);
    const events = response.body.events as { type: string; data: Record<string, unknown> }[];
    expect(events.length).toBeGreaterThan(0);
    return events;
  }

  it('uploads documents, records what the server computed, and the DCC opens and approves exactly those bytes', async () => {
    await openItem('E-1');
    const plan = pdf('Action plan');
    const letter = pdf('Chief Constable letter');
    const first = await owner()
      .post('/recommendations/E-1/evidence')
      .field('title', 'Action plan, closed')
      .attach('file', plan, 'action plan 2024.pdf')
      .expect(200);
    expect(first.body.recorded).toEqual([
      expect.objectContaining({
        type: 'EvidenceAttached',
        data: {
          evidenceId: `doc-${sha256(plan).slice(0, 16)}`,
          title: 'Action plan, closed',
          isChiefConstableLetter: false,
          sha256: sha256(plan),
          file: { name: 'action plan 2024.pdf', mediaType: 'application/pdf', size: plan.length },
        },
      }),
    ]);
    await owner()
      .post('/recommendations/E-1/evidence')
      .field('isChiefConstableLetter', 'true')
      .attach('file', letter, 'CC letter.pdf')
      .expect(200);
    await owner().post('/recommendations/E-1/submit').expect(200);

    const letterId = `doc-${sha256(letter).slice(0, 16)}`;
    const opened = await dcc().get(`/recommendations/E-1/evidence/${letterId}/file`).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(opened.body as Buffer, letter)).toBe(0);
    expect(opened.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="CC letter.pdf"; filename*=UTF-8''CC%20letter.pdf`,
      'x-content-type-options': 'nosniff',
    });
    expect(opened.headers['content-security-policy']).toContain('sandbox');

    const approved = await dcc().post('/recommendations/E-1/approve').send({ confirmRating: true }).expect(200);
    expect(approved.body.recorded[0].data.evidence).toEqual([
      { evidenceId: `doc-${sha256(plan).slice(0, 16)}`, sha256: sha256(plan) },
      { evidenceId: letterId, sha256: sha256(letter) },
    ]);
  });

  it('takes several files at once, each its own evidence, and keeps the same bytes once', async () => {
    await openItem('E-2');
    await openItem('E-3');
    const both = await owner()
      .post('/recommendations/E-2/evidence')
      .field('title', 'Dip sample')
      .attach('file', pdf('one'), 'one.pdf')
      .attach('file', DOCX, 'two.docx')
      .expect(200);
    expect(both.body.attached).toHaveLength(2);
    expect(both.body.attached[1].recorded[0].data).toMatchObject({
      title: 'Dip sample: two.docx',
      file: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
    });
    const before = storedFiles(api.dataDir).filter((path) => path.includes('sha256'));
    await owner().post('/recommendations/E-3/evidence').attach('file', pdf('one'), 'copy of one.pdf').expect(200);
    expect(storedFiles(api.dataDir).filter((path) => path.includes('sha256'))).toEqual(before);
  });

  it('takes one document as the whole body, named in the query, recorded as a form upload would be', async () => {
    await openItem('E-7');
    const letter = pdf('Chief Constable letter, sent as it is');
    const query = '?fileName=CC%20letter.pdf&title=Chief%20Constable%20letter&isChiefConstableLetter=true';
    const sent = await owner()
      .post(`/recommendations/E-7/evidence${query}`)
      .set('content-type', 'application/octet-stream')
      .send(letter)
      .expect(200);
    expect(sent.body.recorded[0].data).toEqual({
      evidenceId: `doc-${sha256(letter).slice(0, 16)}`,
      title: 'Chief Constable letter',
      isChiefConstableLetter: true,
      sha256: sha256(letter),
      file: { name: 'CC letter.pdf', mediaType: 'application/pdf', size: letter.length },
    });
    // The type the client names is not believed: a PNG sent as application/pdf is recorded as the PNG it is.
    const png = Buffer.concat([PNG, Buffer.from('sent as it is')]);
    const photo = await owner()
      .post('/recommendations/E-7/evidence?fileName=photo.pdf')
      .set('content-type', 'application/pdf')
      .send(png)
      .expect(200);
    expect(photo.body.recorded[0].data.file).toEqual({ name: 'photo.pdf', mediaType: 'image/png', size: png.length });
    const opened = await dcc()
      .get(`/recommendations/E-7/evidence/doc-${sha256(letter).slice(0, 16)}/file`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(Buffer.compare(opened.body as Buffer, letter)).toBe(0);
    // Plain text sent as text/plain is a document too, not a string for the JSON reference's fields.
    const minutes = 'Minutes of the force performance board, June 2024';
    const note = await owner()
      .post('/recommendations/E-7/evidence?fileName=note.txt')
      .set('content-type', 'text/plain')
      .send(minutes)
      .expect(200);
    expect(note.body.recorded[0].data.file).toEqual({ name: 'note.txt', mediaType: 'text/plain', size: minutes.length });
  });

  describe('refuses a bad document sent as the whole body, naming the problem, and stores and records nothing', () => {
    beforeAll(() => openItem('E-8'));
    const big = Buffer.concat([pdf(), Buffer.alloc(1024 * 1024)]);
    const cases: [string, string, Buffer, number, RegExp][] = [
      ['no file name', '', pdf(), 400, /Name the document in the query, e.g. \?fileName=letter.pdf/],
      ['an empty body', '?fileName=empty.pdf', Buffer.alloc(0), 422, /empty/],
      ['a body declared too large', '?fileName=big.pdf', big, 413, /big.pdf: The file is larger than 1 MB/],
      ['HTML', '?fileName=letter.pdf', Buffer.from('<!DOCTYPE html><script>alert(1)</script>'), 415, /HTML/],
      ['a name with folders', '?fileName=..%2F..%2Fetc%2Fpasswd', pdf(), 422, /folders/],
      ['a name with control characters', '?fileName=bad%07name.pdf', pdf(), 422, /control characters/],
      ['a name given twice', '?fileName=a.pdf&fileName=b.pdf', pdf(), 400, /fileName is given more than once/],
      ['an unknown parameter', '?fileName=a.pdf&sha256=abc', pdf(), 400, /no field "sha256"/],
      ['a bad occurredAt', '?fileName=a.pdf&occurredAt=yesterday', pdf(), 400, /occurredAt/],
    ];

    it.each(cases)('%s', async (_, query, body, status, detail) => {
      const before = await history('E-8');
      const files = storedFiles(api.dataDir).sort();
      const response = await owner()
        .post(`/recommendations/E-8/evidence${query}`)
        .set('content-type', 'application/octet-stream')
        .send(body)
        .expect(status);
      expect(response.body.detail).toMatch(detail);
      expect(response.body.detail).toContain('Nothing was stored or recorded');
      expect(await history('E-8')).toEqual(before);
      expect(storedFiles(api.dataDir).sort()).toEqual(files);
    });

    it('a body larger than it said, streamed without a length, is cut off at the limit and refused with 413', async () => {
      const files = storedFiles(api.dataDir).sort();
      const response = await fetch(`${api.url}/recommendations/E-8/evidence?fileName=big.pdf`, {
        method: 'POST',
        headers: { authorization: api.bearer('supt-patel', 'owner'), 'content-type': 'application/octet-stream' },
        body: new Blob([big]).stream(),
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(((await response.json()) as { detail: string }).detail).toMatch(/larger than 1 MB/);
      expect(storedFiles(api.dataDir).sort()).toEqual(files);
    });

    it('any other route still refuses a type it has no parser for with 415', async () => {
      await owner().post('/recommendations/E-8/rate').set('content-type', 'application/pdf').send(pdf()).expect(415);
    });
  });

  it('records a reference to a document held elsewhere, and has no file to open for it', async () => {
    await openItem('E-4');
    const attached = await owner()
      .post('/recommendations/E-4/evidence')
      .send({ title: 'Vetting policy', location: 'Policy library > Vetting', description: 'Version 4, May 2024' })
      .expect(200);
    const data = attached.body.recorded[0].data;
    expect(data).toMatchObject({
      title: 'Vetting policy',
      heldElsewhere: { location: 'Policy library > Vetting', description: 'Version 4, May 2024' },
    });
    expect(data).not.toHaveProperty('file');
    const problem = await dcc().get(`/recommendations/E-4/evidence/${data.evidenceId}/file`).expect(404);
    expect(problem.body.detail).toContain('held elsewhere');
    await owner().post('/recommendations/E-4/evidence').send({ title: 'No location' }).expect(400);
  });

  describe('refuses a bad upload, naming the problem, and stores and records nothing', () => {
    beforeAll(() => openItem('E-5'));

    const cases: [string, (r: request.Test) => request.Test, number, RegExp][] = [
      ['an empty file', (r) => r.attach('file', Buffer.alloc(0), 'empty.pdf'), 422, /empty/],
      ['a file too large', (r) => r.attach('file', Buffer.concat([pdf(), Buffer.alloc(1024 * 1024)]), 'big.pdf'), 413, /larger than 1 MB/],
      ['HTML', (r) => r.attach('file', Buffer.from('<!DOCTYPE html><script>alert(1)</script>'), 'letter.pdf'), 415, /HTML/],
      ['SVG', (r) => r.attach('file', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'chart.png'), 415, /SVG/],
      ['an unknown binary', (r) => r.attach('file', Buffer.from([0, 1, 2, 3, 255, 254]), 'data.pdf'), 415, /unknown type/],
      // form-data strips folders from a name itself, so this form is written out by hand.
      ['a name with folders', (r) => rawForm(r, '../../etc/passwd', pdf()), 422, /folders/],
      ['a name with control characters', (r) => r.attach('file', pdf(), { filename: 'bad\u0007name.pdf' }), 422, /control characters/],
      ['no file', (r) => r.field('title', 'Nothing'), 422, /Choose a file/],
      ['an unknown field', (r) => r.field('sha256', 'a'.repeat(64)).attach('file', pdf(), 'a.pdf'), 400, /no field "sha256"/],
      ['a bad occurredAt', (r) => r.field('occurredAt', 'yesterday').attach('file', pdf(), 'a.pdf'), 400, /occurredAt/],
      ['a good file after a bad one', (r) => r.attach('file', Buffer.alloc(0), 'empty.txt').attach('file', PNG, 'fine.png'), 422, /empty/],
    ];

    it.each(cases)('%s', async (_, build, status, detail) => {
      const before = await history('E-5');
      const files = storedFiles(api.dataDir).sort();
      const response = await build(owner().post('/recommendations/E-5/evidence')).expect(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.detail).toMatch(detail);
      expect(response.body.detail).toContain('Nothing was stored or recorded');
      expect(await history('E-5')).toEqual(before);
      expect(storedFiles(api.dataDir).sort()).toEqual(files);
    });

    it('a refusal by the policy or the lifecycle stores nothing either', async () => {
      const files = storedFiles(api.dataDir).sort();
      await as('ch-insp-jones', 'owner').post('/recommendations/E-5/evidence').attach('file', pdf('not mine'), 'a.pdf').expect(403);
      await dcc().post('/recommendations/E-5/evidence').attach('file', pdf('dcc'), 'a.pdf').expect(403);
      await owner().post('/recommendations/E-5/evidence').attach('file', PNG, 'a.png').expect(200);
      await owner().post('/recommendations/E-5/evidence').attach('file', PNG, 'again.png').expect(422);
      expect(storedFiles(api.dataDir).sort()).toHaveLength(files.length + 1);
    });
  });

  it('lets the owner, the DCC, HMICFRS and auditors open a document, and nobody else', async () => {
    await openItem('E-6');
    const attached = await owner().post('/recommendations/E-6/evidence').attach('file', PNG, 'photo.png').expect(200);
    const path = `/recommendations/E-6/evidence/${attached.body.recorded[0].data.evidenceId}/file`;
    for (const [user, role] of [
      ['supt-patel', 'owner'],
      ['dcc-green', 'dcc'],
      ['hmi-cooper', 'hmicfrs'],
      ['audit-khan', 'auditor'],
    ] as const) {
      await as(user, role).get(path).expect(200).expect('content-type', 'image/png');
    }
    await as('ch-insp-jones', 'owner').get(path).expect(403);
    await liaison().get(path).expect(403);
    await request(api.url).get(path).expect(401);
    await dcc().get('/recommendations/E-6/evidence/doc-0000000000000000/file').expect(404);
  });
});

function rawForm(test: request.Test, filename: string, bytes: Buffer): request.Test {
  const boundary = 'evidence-test-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return test.set('content-type', `multipart/form-data; boundary=${boundary}`).send(body);
}

function binary(response: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}
