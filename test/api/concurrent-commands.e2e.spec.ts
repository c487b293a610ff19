import type { Role } from '@hmicfrs/auth';
import { PEEL_2023, actingAs, openItem } from '../support/api-client';
import { startApi, type RunningApi } from '../support/running-api';

/**
 * Two people acting on one item at once: the conflict is the system's to resolve, not theirs. Only an
 * If-Match that no longer holds, or a command the item refuses, reaches the client as 409.
 */
describe('commands sent at once to one item', () => {
  let api: RunningApi;
  const as = (userId: string, role: Role) => actingAs(api, userId, role);
  const liaison = () => as('flo-fletcher', 'liaison');
  const owner = () => as('supt-patel', 'owner');

  beforeAll(async () => {
    api = await startApi({}, { people: ['supt-patel', 'ch-insp-jones'] });
    await liaison().post('/inspections', PEEL_2023).expect(201);
  });
  afterAll(() => api.close());

  const open = (reference: string) => openItem(api, reference);

  it('applies every one of 20 progress notes sent at once without If-Match, each once', async () => {
    await open('C-1');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => owner().post('/recommendations/C-1/note', { text: `note ${i}` })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    const history = await liaison().get('/recommendations/C-1/history').expect(200);
    const notes = history.body.events
      .filter((event: { type: string }) => event.type === 'ProgressNoted')
      .map((event: { data: { text: string } }) => event.data.text);
    expect(notes.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `note ${i}`).sort());
  });

  it('still refuses, as 409, the notes whose If-Match the first one made stale', async () => {
    await open('C-2');
    const { body } = await liaison().get('/recommendations/C-2').expect(200);
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        owner().post('/recommendations/C-2/note', { text: `note ${i}` }, { 'If-Match': `"${body.revision}"` }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409, 409, 409]);
    for (const refused of answers.filter((answer) => answer.status === 409)) {
      expect(refused.body.detail).toMatch(/revision/i);
    }
  });

  it('answers one Idempotency-Key sent at once with two bodies truthfully: the one stored, replayed, or refused', async () => {
    await open('C-3');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        owner().post('/recommendations/C-3/rate', { rag: i % 2 === 0 ? 'red' : 'green' }, { 'Idempotency-Key': 'rate-once' }),
      ),
    );
    const { body: item } = await liaison().get('/recommendations/C-3').expect(200);
    const stored = item.item.rag;
    const sent = (i: number) => (i % 2 === 0 ? 'red' : 'green');
    // Each answer by what it asked for: the stored rating's ten are 200s, the other ten 422s, whichever won.
    answers.forEach((answer, i) => expect(answer.status).toBe(sent(i) === stored ? 200 : 422));
    const ok = answers.filter((answer) => answer.status === 200);
    expect(ok.filter((answer) => !answer.body.replayed)).toHaveLength(1);
    for (const answer of ok) expect(answer.body).toMatchObject({ item: { rag: stored }, revision: item.revision });
    for (const refused of answers.filter((answer) => answer.status !== 200)) {
      expect(refused.body.detail).toMatch(/Idempotency-Key/);
    }
    const history = await liaison().get('/recommendations/C-3/history').expect(200);
    expect(history.body.events.filter((event: { type: string }) => event.type === 'RagRated')).toHaveLength(1);
  });
});
