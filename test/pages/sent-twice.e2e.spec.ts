import type request from 'supertest';
import { EVENT_STORE, type EventStore } from '@hmicfrs/event-store';
import { inspectionStream, personStream, recommendationStream } from '@hmicfrs/lifecycle';
import { pdf } from '../evidence/support';
import { csrfOf, signedIn, startPages, type RunningPages, PEEL_REPORT_FORM, P1_ITEM_FORM } from './support/running-pages';

/**
 * A form sent twice (a double click, the browser's resubmission) is one command, as a request sent
 * twice with one Idempotency-Key is in the JSON API: one fact in the store, and the same page after.
 */
describe('a page form sent twice', () => {
  let pages: RunningPages;
  let flo: request.Agent;
  let owner: request.Agent;
  const events = async (stream: string) => (await pages.app.get<EventStore>(EVENT_STORE).readStream(stream)).map((event) => event.type);

  /** The form on a page as the browser holds it: its hidden fields (the CSRF token, the submission id) and its action. */
  async function formOn(agent: request.Agent, path: string, marker = '<main') {
    const page = await agent.get(path).expect(200);
    const form = page.text.slice(page.text.indexOf(marker));
    const hidden = Object.fromEntries(
      [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].slice(0, 3).map((m) => [m[1], m[2]]),
    );
    const action = /<form method="post" action="([^"]+)"/.exec(form)?.[1];
    if (!action) throw new Error(`${path} has no form`);
    return { hidden, action: action.replace(/&amp;/g, '&') };
  }

  async function sendTwice(agent: request.Agent, path: string, fields: Record<string, string>) {
    const { hidden, action } = await formOn(agent, path);
    expect(hidden.formId).toMatch(/^[0-9a-f-]{36}$/);
    const send = () =>
      agent
        .post(action)
        .type('form')
        .send({ ...hidden, ...fields });
    const [first, again] = [await send(), await send()];
    return { first, again, hidden, action };
  }

  const timelineRows = async () => {
    const page = await flo.get('/app/items/P-1').expect(200);
    return (page.text.match(/<tr class="govuk-table__row">\s*<td class="govuk-table__cell app-nowrap">/g) ?? []).length;
  };

  beforeAll(async () => {
    pages = await startPages({}, { people: ['supt-patel'] });
    flo = await signedIn(pages.url, 'flo-fletcher');
    owner = await signedIn(pages.url, 'supt-patel');
  });
  afterAll(() => pages.close());

  it('records the inspection report once, and lands on it both times', async () => {
    const { first, again } = await sendTwice(flo, '/app/inspection-reports/new', PEEL_REPORT_FORM);
    expect([first.status, again.status]).toEqual([303, 303]);
    expect(again.headers.location).toBe(first.headers.location);
    expect(await events(inspectionStream('peel-2023'))).toEqual(['InspectionReportRecorded']);
  });

  it('adds the item once, and lands on it both times', async () => {
    const { first, again } = await sendTwice(flo, '/app/inspection-reports/peel-2023/items/new', P1_ITEM_FORM);
    expect([first.status, again.status]).toEqual([303, 303]);
    expect(again.headers.location).toBe(first.headers.location);
    expect(await events(recommendationStream('P-1'))).toHaveLength(1);
  });

  it('records a progress note once: the timeline shows it once', async () => {
    const before = (await events(recommendationStream('P-1'))).length;
    const shownBefore = await timelineRows();
    const { first, again } = await sendTwice(owner, '/app/items/P-1/note', { text: 'Board met on Tuesday' });
    expect([first.status, again.status]).toEqual([303, 303]);
    expect(again.headers.location).toBe(first.headers.location);
    expect(await events(recommendationStream('P-1'))).toHaveLength(before + 1);
    expect(await timelineRows()).toBe(shownBefore + 1);
  });

  it('sets the due date once', async () => {
    const before = (await events(recommendationStream('P-1'))).length;
    // The item's first due date: the form asks no reason (a later one would).
    const due = { 'dueDate-day': '31', 'dueDate-month': '3', 'dueDate-year': '2030' };
    const { first, again } = await sendTwice(flo, '/app/items/P-1/due-date', due);
    expect([first.status, again.status]).toEqual([303, 303]);
    expect(await events(recommendationStream('P-1'))).toHaveLength(before + 1);
  });

  it('attaches uploaded documents once', async () => {
    const before = (await events(recommendationStream('P-1'))).length;
    const { hidden, action } = await formOn(owner, '/app/items/P-1', '<form method="post" action="/app/items/P-1/upload"');
    const send = () => {
      let post = owner.post(action);
      for (const [name, value] of Object.entries(hidden)) post = post.field(name, value);
      return post.attach('file', pdf('Action plan'), 'plan.pdf');
    };
    const [first, again] = [await send(), await send()];
    expect([first.status, again.status]).toEqual([303, 303]);
    expect(await events(recommendationStream('P-1'))).toHaveLength(before + 1);
  });

  it('adds the person once, and lands on the directory showing them both times', async () => {
    const person = { name: 'Insp Ravi Shah', id: 'ravi.shah@force.police.uk', roles: 'owner' };
    const { first, again } = await sendTwice(flo, '/app/people/new', person);
    expect([first.status, again.status]).toEqual([303, 303]);
    expect(again.headers.location).toBe('/app/people?added=ravi.shah%40force.police.uk');
    expect(await events(personStream('ravi.shah@force.police.uk'))).toHaveLength(1);
  });

  it('with other details the second time is refused on the form, saying so, and writes nothing', async () => {
    const { hidden, action } = await formOn(owner, '/app/items/P-1/note');
    await owner
      .post(action)
      .type('form')
      .send({ ...hidden, text: 'First words' })
      .expect(303);
    const after = (await events(recommendationStream('P-1'))).length;
    const other = await owner
      .post(action)
      .type('form')
      .send({ ...hidden, text: 'Other words' })
      .expect(422);
    expect(other.text).toContain('govuk-error-summary');
    expect(other.text).toContain('This form was already sent, with other details');
    expect(await events(recommendationStream('P-1'))).toHaveLength(after);
  });

  it('without its CSRF token is refused before anything else, a submission id or not', async () => {
    const before = (await events(recommendationStream('P-1'))).length;
    const { hidden, action } = await formOn(owner, '/app/items/P-1/note');
    const refused = await owner.post(action).type('form').send({ formId: hidden.formId, text: 'From another site' }).expect(403);
    expect(refused.text).toContain('This form has expired');
    expect(csrfOf((await owner.get('/app/items/P-1/note').expect(200)).text)).not.toBe('');
    expect(await events(recommendationStream('P-1'))).toHaveLength(before);
  });
});
