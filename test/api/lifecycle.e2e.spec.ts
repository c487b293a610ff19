import { join } from 'node:path';
import request from 'supertest';
import type { Role } from '@hmicfrs/auth';
import { SqliteEventStore } from '@hmicfrs/event-store';
import { schemaVersions } from '@hmicfrs/lifecycle';
import { PEEL_2023, actingAs, openItem } from '../support/api-client';
import { startApi, type RunningApi } from '../support/running-api';

const HELD = { location: 'Force file share', description: 'Held by the force' };
const CC_LETTER = {
  evidenceId: 'cc-letter',
  title: 'Chief Constable letter',
  ...HELD,
  sha256: 'a'.repeat(64),
  isChiefConstableLetter: true,
};
const ACTION_PLAN = { evidenceId: 'action-plan', title: 'Action plan, closed', ...HELD, sha256: 'b'.repeat(64) };

describe('an item of each level, walked from open to closed over HTTP', () => {
  let api: RunningApi;
  const as = (userId: string, role: Role) => actingAs(api, userId, role);
  const liaison = () => as('flo-fletcher', 'liaison');
  const owner = () => as('supt-patel', 'owner');
  const dcc = () => as('dcc-green', 'dcc');
  const hmicfrs = () => as('hmi-cooper', 'hmicfrs');

  beforeAll(async () => {
    api = await startApi({}, { people: ['supt-patel', 'ch-insp-jones'] });
    await liaison().post('/inspections', PEEL_2023).expect(201);
  });
  afterAll(() => api.close());

  /** A level 3 recommendation owned by supt-patel, rated by its owner. */
  async function openRated(reference: string, rag: string) {
    await openItem(api, reference);
    await owner().post(`/recommendations/${reference}/rate`, { rag }).expect(200);
  }

  /** Rated Green unless `rag` says otherwise, as an item put forward for closure usually is. */
  async function openReadyForSubmission(reference: string, level: number, rag = 'green') {
    await openItem(api, reference, { text: `Recommendation ${reference}`, level, portfolio: 'Public Protection', dueDate: '2024-03-31' });
    await owner().post(`/recommendations/${reference}/rate`, { rag }).expect(200);
    await owner().post(`/recommendations/${reference}/evidence`, ACTION_PLAN).expect(200);
    await owner().post(`/recommendations/${reference}/evidence`, CC_LETTER).expect(200);
    const submitted = await owner().post(`/recommendations/${reference}/submit`).expect(200);
    expect(submitted.body.status).toBe('submitted');
  }

  it('level 2: the DCC approves and the force closes it itself', async () => {
    await openReadyForSubmission('L2-1', 2);
    const approved = await dcc().post('/recommendations/L2-1/approve').expect(200);
    expect(approved.body).toMatchObject({ status: 'self_certified', closed: true });
    expect(approved.body.recorded).toEqual([
      expect.objectContaining({
        type: 'SelfCertified',
        // Rated Green: nothing to confirm.
        data: expect.objectContaining({ approvedBy: 'dcc-green', level: 2, ratingConfirmed: false }),
      }),
    ]);
  });

  it('level 3: self-certified, then verified by HMICFRS at its next inspection', async () => {
    await openReadyForSubmission('L3-1', 3);
    const approved = await dcc().post('/recommendations/L3-1/approve').expect(200);
    expect(approved.body).toMatchObject({ status: 'self_certified', closed: false });
    const verified = await hmicfrs().post('/recommendations/L3-1/verify').send({ inspectionName: 'PEEL 2025' }).expect(200);
    expect(verified.body).toMatchObject({ status: 'hmicfrs_verified', closed: true });
  });

  it('level 4: never self-certified; HMICFRS verifies by fieldwork', async () => {
    await openReadyForSubmission('L4-1', 4);
    const approved = await dcc().post('/recommendations/L4-1/approve').expect(200);
    expect(approved.body).toMatchObject({ status: 'awaiting_hmicfrs', closed: false });
    expect(approved.body.recorded[0].type).toBe('SubmittedToHmicfrs');
    const verified = await hmicfrs().post('/recommendations/L4-1/verify').send({ inspectionName: 'Vetting re-visit' }).expect(200);
    expect(verified.body.recorded[0].data.inspection).toEqual({ named: 'Vetting re-visit' });
    expect(verified.body).toMatchObject({ status: 'hmicfrs_verified', closed: true });
  });

  it('level 1: HMICFRS closes and archives it', async () => {
    await liaison()
      .post('/recommendations', {
        reference: 'L1-1',
        kind: 'area_for_improvement',
        inspectionId: 'peel-2023',
        text: 'AFI',
        level: 1,
        addressee: 'Chief Constables',
        portfolio: 'Crime',
      })
      .expect(201);
    const archived = await hmicfrs().post('/recommendations/L1-1/archive').expect(200);
    expect(archived.body).toMatchObject({ status: 'archived', closed: true });
    expect(archived.body.item.level).toBe(1);
  });

  it('offers each caller only the commands their role may take now', async () => {
    await openReadyForSubmission('OFFER-1', 3);
    expect((await dcc().get('/recommendations/OFFER-1').expect(200)).body.allowedCommands).toEqual(
      expect.arrayContaining(['APPROVE', 'RETURN']),
    );
    const ownerView = (await owner().get('/recommendations/OFFER-1').expect(200)).body.allowedCommands;
    expect(ownerView).toContain('WITHDRAW');
    expect(ownerView).not.toContain('APPROVE');
    expect((await as('auditor-1', 'auditor').get('/recommendations/OFFER-1').expect(200)).body.allowedCommands).toEqual([]);
  });

  describe('refusals name what was wrong and write nothing', () => {
    const historyLength = async (id: string) => (await liaison().get(`/recommendations/${id}/history`).expect(200)).body.events.length;

    it('SUBMIT without evidence is unprocessable, naming what is missing', async () => {
      await openRated('R-1', 'red');
      const before = await historyLength('R-1');
      const refused = await owner().post('/recommendations/R-1/submit').expect(422);
      expect(refused.body.detail).toMatch(/at least one piece of evidence/);
      expect(refused.body).toMatchObject({ code: 'requirements_not_met', state: 'rag_rated', command: 'SUBMIT' });
      // Who can supply it, as the pages say it: the owner by name.
      expect(refused.body.suppliedBy).toEqual([
        { role: 'owner', userId: 'supt-patel', name: 'Supt Asha Patel', inWords: 'Supt Asha Patel, the owner' },
      ]);
      expect(refused.body.detail).toMatch(/\. Who can supply it: Supt Asha Patel, the owner$/);
      expect(await historyLength('R-1')).toBe(before);
    });

    it('a command the state does not take is a conflict naming the state', async () => {
      const refused = await hmicfrs().post('/recommendations/R-1/verify').send({ inspectionName: 'PEEL 2025' }).expect(409);
      expect(refused.body.detail).toMatch(/VERIFY is not possible while the item is RAG rated/);
    });

    it('the officer who submitted cannot approve, whatever role they later hold', async () => {
      await openReadyForSubmission('R-2', 2);
      await liaison().post('/recommendations/R-2/withdraw').expect(200);
      await as('acting-dcc', 'liaison').post('/recommendations/R-2/submit').expect(200);
      const refused = await as('acting-dcc', 'dcc').post('/recommendations/R-2/approve').expect(422);
      expect(refused.body.detail).toMatch(/submitted/i);
    });

    it('approving an item not rated Green without confirmRating is unprocessable, naming the field', async () => {
      await openReadyForSubmission('A-1', 3, 'amber');
      const before = await historyLength('A-1');
      const refused = await dcc().post('/recommendations/A-1/approve', { comment: 'Complete' }).expect(422);
      expect(refused.body).toMatchObject({
        code: 'requirements_not_met',
        command: 'APPROVE',
        state: 'submitted',
        missing: ["APPROVE of an item rated Amber, not Green, needs the DCC's confirmation that they approve it all the same"],
        suppliedBy: [],
        field: 'confirmRating',
      });
      expect(refused.body.detail).toMatch(/\. The request supplies it in confirmRating$/);
      await dcc().post('/recommendations/A-1/approve', { confirmRating: false }).expect(422);
      const notABoolean = await dcc().post('/recommendations/A-1/approve', { confirmRating: 'yes' }).expect(400);
      expect(notABoolean.body.detail).toMatch(/confirmRating must be true or false/);
      expect(await historyLength('A-1')).toBe(before);
      // Still offered: the question is the approval's own.
      expect((await dcc().get('/recommendations/A-1').expect(200)).body.allowedCommands).toContain('APPROVE');
      const approved = await dcc().post('/recommendations/A-1/approve', { confirmRating: true }).expect(200);
      expect(approved.body.recorded).toEqual([
        expect.objectContaining({ type: 'SelfCertified', data: expect.objectContaining({ ratingConfirmed: true }) }),
      ]);
    });

    it('an owner may act only on their own items; an auditor on none', async () => {
      const other = await as('insp-jones', 'owner').post('/recommendations/R-1/rate', { rag: 'green' }).expect(403);
      expect(other.body.detail).toMatch(/insp-jones does not own it/);
      await as('auditor-1', 'auditor').post('/recommendations/R-1/note', { text: 'x' }).expect(403);
    });

    it('no token is 401, an unknown item 404, an unknown field 400 naming it', async () => {
      await request(api.url).post('/recommendations/R-1/rate').send({ rag: 'red' }).expect(401);
      await owner().post('/recommendations/NOPE/rate', { rag: 'red' }).expect(404);
      const bad = await owner().post('/recommendations/R-1/rate', { rag: 'red', colour: 'blue' }).expect(400);
      expect(bad.body.detail).toMatch(/property colour should not exist/);
      const wrong = await owner().post('/recommendations/R-1/rate', { rag: 'purple' }).expect(400);
      expect(wrong.body.detail).toMatch(/rag must be one of red, amber, green/);
    });

    it('a link to an item that does not exist is unprocessable; to one that does, recorded', async () => {
      const missing = await liaison().post('/recommendations/R-1/link', { otherId: 'NOPE', relation: 'shares_evidence' }).expect(422);
      expect(missing.body.detail).toBe('There is no item NOPE to link to');
      const linked = await liaison()
        .post('/recommendations/R-1/link', { otherId: 'L2-1', relation: 'same_national_recommendation' })
        .expect(200);
      expect(linked.body.item.links).toEqual([{ otherId: 'L2-1', relation: 'same_national_recommendation' }]);
    });

    it('a stale If-Match is a conflict carrying the current revision', async () => {
      const { revision } = (await owner().get('/recommendations/R-1').expect(200)).body;
      await owner().post('/recommendations/R-1/note', { text: 'first' }).set('If-Match', `"${revision}"`).expect(200);
      const conflict = await owner().post('/recommendations/R-1/note', { text: 'second' }).set('If-Match', `"${revision}"`).expect(409);
      expect(conflict.body.currentRevision).toBe(revision + 1);
    });

    it("occurredAt is never in the future nor before the item's previous event", async () => {
      await owner().post('/recommendations/R-1/note', { text: 'x', occurredAt: '2999-01-01T00:00:00Z' }).expect(422);
      const early = await owner().post('/recommendations/R-1/note', { text: 'x', occurredAt: '2001-01-01T00:00:00Z' }).expect(422);
      expect(early.body.detail).toMatch(/before the item's previous event/);
    });
  });

  it('a retried command (same Idempotency-Key) returns the first answer and writes nothing', async () => {
    const send = () => owner().post('/recommendations/R-1/note', { text: 'Board met' }).set('Idempotency-Key', 'note-42');
    const first = await send().expect(200);
    const again = await send().expect(200);
    expect(again.body.recorded).toEqual(first.body.recorded);
    expect(again.body.replayed).toBe(true);
    const history = (await liaison().get('/recommendations/R-1/history').expect(200)).body.events;
    expect(history.filter((event: { data: { text?: string } }) => event.data.text === 'Board met')).toHaveLength(1);
    const reused = await owner()
      .post('/recommendations/R-1/note', { text: 'Something else' })
      .set('Idempotency-Key', 'note-42')
      .expect(422);
    expect(reused.body.detail).toMatch(/already used for a different request/);
  });

  it("sees what another process recorded meanwhile (the CLI's reminders or import) before deciding the next command", async () => {
    await openRated('X-1', 'amber');
    const elsewhere = SqliteEventStore.open(join(api.dataDir, 'events.db'));
    try {
      const commandId = 'reassigned-by-the-cli';
      await elsewhere.append(
        'recommendation-X-1',
        [
          {
            type: 'OwnerAssigned',
            data: { owner: 'ch-insp-jones' },
            metadata: {
              userId: 'flo-fletcher',
              role: 'liaison',
              commandId,
              correlationId: commandId,
              causationId: null,
              schemaVersion: schemaVersions.OwnerAssigned,
              occurredAt: new Date().toISOString(),
            },
          },
        ],
        1,
      );
    } finally {
      await elsewhere.close();
    }
    await owner().post('/recommendations/X-1/note', { text: 'still mine?' }).expect(403);
    const noted = await as('ch-insp-jones', 'owner').post('/recommendations/X-1/note', { text: 'taken over' }).expect(200);
    expect(noted.body).toMatchObject({ revision: 3, item: { owner: 'ch-insp-jones', latestProgressNote: 'taken over' } });
    expect((await liaison().get('/recommendations/X-1').expect(200)).body).toMatchObject({ revision: 3, item: { owner: 'ch-insp-jones' } });
  });

  it('shows an item as it stood at a past date, and its history with states before and after', async () => {
    await liaison()
      .post('/recommendations', {
        reference: 'T-1',
        kind: 'cause_of_concern',
        inspectionId: 'peel-2023',
        text: 'x',
        level: 4,
        addressee: 'Chief Constables',
        portfolio: 'Crime',
        owner: 'supt-patel',
        occurredAt: '2024-01-10T09:00:00Z',
      })
      .expect(201);
    await owner().post('/recommendations/T-1/rate', { rag: 'red', occurredAt: '2024-02-01T09:00:00Z' }).expect(200);
    await owner().post('/recommendations/T-1/rate', { rag: 'green', occurredAt: '2024-06-01T09:00:00Z' }).expect(200);
    const then = await liaison().get('/recommendations/T-1?asAt=2024-03-01T00:00:00Z').expect(200);
    expect(then.body).toMatchObject({ status: 'rag_rated', item: { rag: 'red' }, asAt: '2024-03-01T00:00:00.000Z', allowedCommands: [] });
    await liaison().get('/recommendations/T-1?asAt=2023-12-31T00:00:00Z').expect(404);
    // A calendar date is the whole day, as in the reports: as at 1 June includes the rating made that morning.
    const onTheDay = await liaison().get('/recommendations/T-1?asAt=2024-06-01').expect(200);
    expect(onTheDay.body).toMatchObject({ item: { rag: 'green' }, asAt: '2024-06-01T23:59:59.999Z' });
    await liaison().get('/recommendations/T-1?asAt=yesterday').expect(400);
    const history = (await as('auditor-1', 'auditor').get('/recommendations/T-1/history').expect(200)).body;
    expect(history.chain).toEqual({ intact: true });
    expect(
      history.events.map((event: { type: string; from: string | null; to: string; userId: string }) => [
        event.type,
        event.from,
        event.to,
        event.userId,
      ]),
    ).toEqual([
      ['RecommendationOpened', null, 'open', 'flo-fletcher'],
      ['RagRated', 'open', 'rag_rated', 'supt-patel'],
      ['RagRated', 'rag_rated', 'rag_rated', 'supt-patel'],
    ]);
  });
});
