import { POLICY, ROLES, permits, type Action } from '@hmicfrs/auth';
import { startApi, type RunningApi } from '../support/running-api';
import { bytesOf, readDocx } from './support/docx-tables';
import { ACTION_PLAN, CC_LETTER, as, readModelsCaughtUp } from './support/http';

const ROUTES: { action: Action; path: string }[] = [
  { action: 'recommendation.read', path: '/recommendations' },
  { action: 'approvals.read', path: '/approvals' },
  { action: 'reports.read', path: '/reports/counts' },
  { action: 'reports.read', path: '/reports/rag' },
  { action: 'reports.read', path: '/reports/overdue' },
  { action: 'reports.read', path: '/reports/jac?asAt=2024-06-27&previous=2024-03-21&since=2023-08-01' },
  { action: 'reports.read', path: '/projections' },
  { action: 'history.read', path: '/audit' },
  { action: 'people.read', path: '/people' },
];

const today = new Date().toISOString().slice(0, 10);
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('queries across items, on the read models, over HTTP', () => {
  let api: RunningApi;
  const liaison = () => as(api, 'flo-fletcher', 'liaison');
  const owner = () => as(api, 'supt-patel', 'owner');
  const dcc = () => as(api, 'dcc-green', 'dcc');
  const auditor = () => as(api, 'aud-1', 'auditor');

  async function open(reference: string, fields: Record<string, unknown> = {}) {
    await liaison()
      .post('/recommendations', {
        reference,
        kind: 'recommendation',
        inspectionId: 'peel-2023',
        text: `Item ${reference}`,
        level: 3,
        addressee: 'Chief Constables',
        portfolio: 'Public Protection',
        owner: 'supt-patel',
        // Received today, not with the report: the reports as at a date below count them from today.
        receivedOn: today,
        ...fields,
      })
      .expect(201);
  }

  async function submit(reference: string, occurredAt?: string) {
    await owner()
      .post(`/recommendations/${reference}/rate`, { rag: 'amber', ...(occurredAt ? { occurredAt } : {}) })
      .expect(200);
    await owner()
      .post(`/recommendations/${reference}/evidence`, { ...ACTION_PLAN, ...(occurredAt ? { occurredAt } : {}) })
      .expect(200);
    await owner()
      .post(`/recommendations/${reference}/evidence`, { ...CC_LETTER, ...(occurredAt ? { occurredAt } : {}) })
      .expect(200);
    await owner()
      .post(`/recommendations/${reference}/submit`, occurredAt ? { occurredAt } : {})
      .expect(200);
  }

  beforeAll(async () => {
    api = await startApi({}, { people: ['supt-patel', 'ch-insp-jones'] });
    await liaison()
      .post('/inspections', { id: 'peel-2023', reportType: 'peel', title: 'PEEL 2023–25', publishedOn: '2023-09-29' })
      .expect(201);
    await liaison()
      .post('/inspections', {
        id: 'vmm-2022',
        reportType: 'thematic',
        title: 'Vetting, misconduct and misogyny',
        publishedOn: '2022-11-02',
      })
      .expect(201);
    await open('Q-1', { dueDate: daysFromToday(-10) });
    await open('Q-2', { dueDate: daysFromToday(5), level: 2, occurredAt: '2024-01-05T10:00:00Z' });
    await open('Q-3', { dueDate: daysFromToday(60), kind: 'area_for_improvement', inspectionId: 'vmm-2022', owner: 'ch-insp-jones' });
    await open('Q-4', { level: 4 });
    await submit('Q-2', '2024-01-10T10:00:00Z');
    await submit('Q-4');
    await owner().post('/recommendations/Q-1/rate', { rag: 'red' }).expect(200);
    // Rated Amber, which the RAG counts as at 10 January need: the DCC confirms it.
    await dcc().post('/recommendations/Q-2/approve', { confirmRating: true }).expect(200);
    await readModelsCaughtUp(api);
  });
  afterAll(() => api.close());

  describe('GET /recommendations', () => {
    it('lists the register, sorted by reference and paged', async () => {
      const { body } = await owner().get('/recommendations?limit=2').expect(200);
      expect(body).toMatchObject({ total: 4, limit: 2, offset: 0 });
      expect(body.items.map((item: { id: string }) => item.id)).toEqual(['Q-1', 'Q-2']);
      const next = await owner().get('/recommendations?limit=2&offset=2').expect(200);
      expect(next.body.items.map((item: { id: string }) => item.id)).toEqual(['Q-3', 'Q-4']);
      expect(body.items[1]).toMatchObject({
        status: 'self_certified',
        closed: true,
        level: 2,
        rag: 'amber',
        owner: 'supt-patel',
        inspection: { id: 'peel-2023', title: 'PEEL 2023–25' },
        submittedAt: '2024-01-10T10:00:00.000Z',
        submittedBy: 'supt-patel',
      });
    });

    it('filters by status, kind, level, RAG, owner, report, closed, overdue and due within N days', async () => {
      const ids = async (query: string) =>
        (await owner().get(`/recommendations?${query}`).expect(200)).body.items.map((item: { id: string }) => item.id);
      expect(await ids('status=submitted,awaiting_hmicfrs')).toEqual(['Q-4']);
      expect(await ids('kind=area_for_improvement')).toEqual(['Q-3']);
      expect(await ids('level=4')).toEqual(['Q-4']);
      expect(await ids('rag=red')).toEqual(['Q-1']);
      expect(await ids('rag=unrated')).toEqual(['Q-3']);
      expect(await ids('owner=ch-insp-jones')).toEqual(['Q-3']);
      expect(await ids('report=vmm-2022')).toEqual(['Q-3']);
      expect(await ids('closed=true')).toEqual(['Q-2']);
      expect(await ids('overdue=true')).toEqual(['Q-1']);
      expect(await ids('dueWithinDays=30')).toEqual([]);
      expect(await ids('dueWithinDays=90')).toEqual(['Q-3']);
      expect(await ids('sort=-dueDate&status=open,rag_rated')).toEqual(['Q-3', 'Q-1']);
    });

    it('sorts by due date with undated items last either way, and pages through a sort without losing an item', async () => {
      const ids = async (query: string) =>
        (await owner().get(`/recommendations?${query}`).expect(200)).body.items.map((item: { id: string }) => item.id);
      expect(await ids('sort=dueDate')).toEqual(['Q-1', 'Q-2', 'Q-3', 'Q-4']);
      expect(await ids('sort=-dueDate')).toEqual(['Q-3', 'Q-2', 'Q-1', 'Q-4']);
      const paged = [...(await ids('sort=-level&limit=3')), ...(await ids('sort=-level&limit=3&offset=3'))];
      expect(paged).toEqual(['Q-4', 'Q-3', 'Q-1', 'Q-2']);
    });

    it('marks overdue items against today', async () => {
      const { body } = await owner().get('/recommendations?overdue=true').expect(200);
      expect(body.items[0]).toMatchObject({ id: 'Q-1', overdue: true, dueDate: daysFromToday(-10), originalDueDate: daysFromToday(-10) });
    });

    it.each([
      ['status=closed', 'status'],
      ['level=5', 'level'],
      ['overdue=yes', 'overdue'],
      ['limit=0', 'limit'],
      ['sort=text', 'sort'],
      ['colour=red', 'colour'],
    ])('refuses %s with a 400 naming the parameter', async (query, parameter) => {
      const { body } = await owner().get(`/recommendations?${query}`).expect(400);
      expect(body.detail).toContain(parameter);
    });
  });

  describe('GET /approvals', () => {
    it("is the DCC's queue, oldest first, with who submitted and the evidence as submitted", async () => {
      const { body } = await dcc().get('/approvals').expect(200);
      expect(body.total).toBe(1);
      expect(body.items[0]).toMatchObject({ id: 'Q-4', level: 4, submittedBy: 'supt-patel', owner: 'supt-patel' });
      expect(body.items[0].evidence.map((evidence: { evidenceId: string }) => evidence.evidenceId)).toEqual(['action-plan', 'cc-letter']);
    });
  });

  describe('GET /reports/…', () => {
    it('counts per kind × level × status', async () => {
      const { body } = await auditor().get('/reports/counts').expect(200);
      expect(body.total).toBe(4);
      expect(body.counts).toEqual(
        expect.arrayContaining([
          { kind: 'recommendation', level: 4, status: 'submitted', items: 1 },
          { kind: 'recommendation', level: 2, status: 'self_certified', items: 1 },
        ]),
      );
    });

    it('RAG counts of the items in progress, now and as at a date', async () => {
      const now = await auditor().get('/reports/rag').expect(200);
      expect(now.body).toMatchObject({ red: 1, amber: 1, green: 0, unrated: 1, total: 3, moment: null });
      const before = await auditor().get('/reports/rag?asAt=2024-01-10').expect(200);
      // On 10 January 2024 only Q-2 had happened (its events were backdated): rated amber and submitted.
      expect(before.body).toMatchObject({ red: 0, amber: 1, green: 0, unrated: 0, total: 1 });
    });

    it('overdue and due soon, against today', async () => {
      const { body } = await auditor().get('/reports/overdue?dueWithinDays=90').expect(200);
      expect(body.today).toBe(today);
      expect(body.overdue.map((item: { id: string; daysOverdue: number }) => [item.id, item.daysOverdue])).toEqual([['Q-1', 10]]);
      expect(body.dueSoon.map((item: { id: string }) => item.id)).toEqual(['Q-3']);
    });

    it('the JAC report as JSON, Markdown, HTML and CSV', async () => {
      const query = `asAt=${today}&previous=2024-03-21&since=2023-08-01`;
      const json = await auditor().get(`/reports/jac?${query}`).expect(200);
      expect(json.headers['content-type']).toContain('application/json');
      expect(json.body.submissions.total).toEqual({ count: 2, change: 1 });
      const md = await auditor().get(`/reports/jac?${query}&format=md`).expect(200);
      expect(md.headers['content-type']).toContain('text/markdown');
      expect(md.text).toContain('| Recommendation Lv4 | 1 (+1) |');
      expect(md.text).toContain('| Recommendation Lv2 | 1 |');
      const html = await auditor().get(`/reports/jac?${query}&format=html`).expect(200);
      expect(html.headers['content-type']).toContain('text/html');
      expect(html.text).toContain('<td>Recommendation Lv4</td><td>1 (+1)</td>');
      const csv = await auditor().get(`/reports/jac?${query}&format=csv`).expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.text.split('\r\n')).toContain('submissions,,,recommendation,4,1,1,,,,');
    });

    it('the JAC paper as a Word document, read back: the committee date in words and the submissions with their change', async () => {
      const query = `asAt=${today}&previous=2024-03-21&since=2023-08-01`;
      const docx = await auditor().get(`/reports/jac?${query}&format=docx`).buffer(true).parse(bytesOf).expect(200);
      expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(docx.headers['content-disposition']).toBe(`attachment; filename="jac-report-${today}.docx"`);
      const paper = readDocx(docx.body as Buffer);
      expect(paper.paragraphs.join('\n')).toContain('HMICFRS Update');
      expect(paper.paragraphs.join('\n')).not.toContain(today);
      expect(paper.tables.flat()).toContainEqual(['Recommendation Lv4', '1 (+1)']);
    });

    it.each([
      ['asAt=2024-02-30&previous=2024-01-01&since=2023-08-01', 'asAt'],
      ['asAt=yesterday&previous=2024-01-01&since=2023-08-01', 'asAt'],
      ['asAt=2024-06-27&previous=2024-07-01&since=2023-08-01', 'previous'],
      ['asAt=2024-06-27&previous=2024-03-21&since=2024-07-01', 'since'],
      ['asAt=2024-06-27T10:00&previous=2024-03-21&since=2023-08-01', 'asAt'],
      ['previous=2024-03-21&since=2023-08-01', 'asAt'],
      ['asAt=2024-06-27&previous=2024-03-21&since=2023-08-01&format=pdf', 'format'],
    ])('the JAC report refuses %s with a 400 naming %s', async (query, parameter) => {
      const { body } = await auditor().get(`/reports/jac?${query}`).expect(400);
      // A report's own refusal says it in plain words and names the parameter beside them; the query's
      // validation names it in the words themselves.
      const named = body.parameter ?? /^(\w+) |; (\w+) |(\w+) must/.exec(body.detail)?.slice(1).find(Boolean);
      expect(named).toBe(parameter);
    });
  });

  describe('GET /audit', () => {
    it('by item, with who, role, when and why, in the order things were recorded', async () => {
      const { body } = await auditor().get('/audit?item=Q-2').expect(200);
      expect(body.entries.map((entry: { type: string }) => entry.type)).toEqual([
        'RecommendationOpened',
        'RagRated',
        'EvidenceAttached',
        'EvidenceAttached',
        'SubmittedForClosure',
        'SelfCertified',
      ]);
      expect(body.entries[5]).toMatchObject({ userId: 'dcc-green', role: 'dcc', streamId: 'recommendation-Q-2' });
      expect(body.next).toBeNull();
    });

    it('by user and by date, paged', async () => {
      const mine = await auditor().get('/audit?user=dcc-green').expect(200);
      expect(mine.body.entries.map((entry: { type: string }) => entry.type)).toEqual(['SelfCertified']);
      const january = await auditor().get('/audit?from=2024-01-10&to=2024-01-10').expect(200);
      expect(january.body.entries).toHaveLength(4);
      const first = await auditor().get('/audit?limit=3').expect(200);
      expect(first.body.entries).toHaveLength(3);
      const second = await auditor().get(`/audit?limit=3&after=${first.body.next}`).expect(200);
      expect(second.body.entries[0].seq).toBeGreaterThan(first.body.entries[2].seq);
    });

    it('from a date, the few entries found by their date come in the order recorded, paged as the whole trail is', async () => {
      type Entry = { seq: number; occurredAt: string };
      const every = (await auditor().get('/audit?limit=1000').expect(200)).body.entries as Entry[];
      const expected = every.filter((entry) => entry.occurredAt >= '2024-01-10').map((entry) => entry.seq);
      expect(expected.length).toBeGreaterThan(2);
      const seen: number[] = [];
      for (let after: number | null = 0; after !== null;) {
        const { body } = await auditor().get(`/audit?from=2024-01-10&limit=2&after=${after}`).expect(200);
        seen.push(...(body.entries as Entry[]).map((entry) => entry.seq));
        after = body.next as number | null;
      }
      expect(seen).toEqual(expected);
    });
  });

  describe('every route × every role is decided by the policy table', () => {
    it('lists every read action of the table', () => {
      // Opening a document is a read of one item's file, decided per role in test/evidence/evidence-api.e2e.spec.ts.
      const reads = Object.keys(POLICY).filter((action) => action.endsWith('.read') && action !== 'evidence.read');
      expect(reads.filter((action) => !ROUTES.some((route) => route.action === action))).toEqual([]);
    });

    describe.each(ROUTES)('GET $path', (route) => {
      it.each(ROLES)('as %s', async (role) => {
        const response = await as(api, `${role}-1`, role).get(route.path);
        if (permits({ userId: `${role}-1`, role }, route.action).allowed) expect(response.status).toBe(200);
        else expect(response.status).toBe(403);
      });
    });
  });
});
