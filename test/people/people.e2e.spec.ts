import request from 'supertest';
import type { Role } from '@hmicfrs/auth';
import { startApi, type RunningApi } from '../support/running-api';

/** The directory of people over the JSON API: who may add, and that every owner must be one of them. */
describe('the directory of people', () => {
  let api: RunningApi;
  const as = (userId: string, role: Role) => ({
    post: (path: string, body: object = {}) => request(api.url).post(path).set('Authorization', api.bearer(userId, role)).send(body),
    get: (path: string) => request(api.url).get(path).set('Authorization', api.bearer(userId, role)),
  });
  const liaison = () => as('flo-fletcher', 'liaison');
  const item = (reference: string, owner?: string) => ({
    reference,
    kind: 'recommendation',
    inspectionId: 'peel-2023',
    text: 'Improve the triage of calls',
    level: 3,
    addressee: 'Chief Constables',
    portfolio: 'Contact',
    ...(owner === undefined ? {} : { owner }),
  });

  beforeAll(async () => {
    api = await startApi();
    await liaison()
      .post('/inspections', { id: 'peel-2023', reportType: 'peel', title: 'PEEL 2023–25', publishedOn: '2023-09-29' })
      .expect(201);
  });
  afterAll(() => api.close());

  it('given the liaison officer adds a person, when anyone lists the directory, then they are there by name with their roles', async () => {
    await liaison()
      .post('/people', { id: 'Asha.Patel@Force.Police.UK', name: 'Supt Asha Patel', roles: ['owner'], portfolio: 'Public protection' })
      .expect(201)
      .expect((response) => expect(response.body).toMatchObject({ id: 'asha.patel@force.police.uk', name: 'Supt Asha Patel' }));
    await api.readModelsCaughtUp();
    const listed = await as('dcc-green', 'dcc').get('/people?role=owner').expect(200);
    expect(listed.body.people).toEqual([
      expect.objectContaining({ id: 'asha.patel@force.police.uk', name: 'Supt Asha Patel', roles: ['owner'], addedBy: 'flo-fletcher' }),
    ]);
  });

  it('given a person already in the directory, when they are added again in another case, then it is a 409 naming them', async () => {
    const again = await liaison()
      .post('/people', { id: 'ASHA.PATEL@force.police.uk', name: 'Asha', roles: ['owner'] })
      .expect(409);
    expect(again.body.detail).toContain('Supt Asha Patel (asha.patel@force.police.uk) is already in the directory');
  });

  it('given an owner, when they try to add a person, then the policy refuses them', async () => {
    await as('asha.patel@force.police.uk', 'owner')
      .post('/people', { id: 'x', name: 'X', roles: ['owner'] })
      .expect(403);
  });

  it.each([
    [{ id: 'bad id', name: 'X', roles: ['owner'] }, 'id'],
    [{ id: 'x', name: '', roles: ['owner'] }, 'name'],
    [{ id: 'x', name: 'X', roles: [] }, 'roles'],
    [{ id: 'x', name: 'X', roles: ['chief'] }, 'roles'],
    [{ id: 'x', name: 'X', roles: ['owner'], email: 'not an address' }, 'email'],
  ])('given %j, when it is sent, then it is a 400 naming the field, not a 500', async (body, field) => {
    const refused = await liaison().post('/people', body).expect(400);
    expect(JSON.stringify(refused.body)).toContain(field);
  });

  it.each(['system:reminders', 'Import:tracker-2023:dcc'])(
    'given the id %j of a part of the system, when it is added, then it is a 422 on the id, nobody is added, and no item can be theirs',
    async (id) => {
      const refused = await liaison()
        .post('/people', { id, name: 'Reminders', roles: ['owner'] })
        .expect(422);
      expect(refused.body).toMatchObject({
        code: 'invalid',
        field: 'id',
        detail: `${id.toLowerCase()} names a part of this system, not a person`,
      });
      await api.readModelsCaughtUp();
      const listed = await liaison().get('/people').expect(200);
      expect(listed.body.people.map((person: { id: string }) => person.id)).not.toContain(id.toLowerCase());
      await liaison()
        .post('/recommendations', item(`owned-by-${id.replace(/:/g, '-')}`, id))
        .expect(422);
    },
  );

  it('given an owner nobody added, when an item is assigned to them, then it is a 422 naming them and nothing is recorded', async () => {
    await liaison().post('/recommendations', item('unknown-owner')).expect(201);
    const refused = await liaison().post('/recommendations/unknown-owner/assign', { owner: 'gareth-jones' }).expect(422);
    expect(refused.body).toMatchObject({ title: 'Unknown person', person: 'gareth-jones', field: 'owner' });
    expect(refused.body.detail).toContain('"gareth-jones"');
    const now = await liaison().get('/recommendations/unknown-owner').expect(200);
    expect(now.body.item.owner).toBeNull();
  });

  it('given an owner nobody added, when an item is opened for them, then it is a 422 naming them', async () => {
    const refused = await liaison().post('/recommendations', item('opened-for-nobody', 'a.smith')).expect(422);
    expect(refused.body.person).toBe('a.smith');
  });

  it('given a person in the directory, when an item is assigned to them in any case, then they own it', async () => {
    await liaison().post('/recommendations', item('known-owner')).expect(201);
    const assigned = await liaison().post('/recommendations/known-owner/assign', { owner: 'ASHA.PATEL@force.police.uk' }).expect(200);
    expect(assigned.body.item.owner).toBe('asha.patel@force.police.uk');
  });

  it("given a person in the directory, when an item is opened for them in another case, then the item names the directory's id", async () => {
    const opened = await liaison().post('/recommendations', item('opened-for-asha', 'Asha.Patel@FORCE.police.uk')).expect(201);
    expect(opened.body.item.owner).toBe('asha.patel@force.police.uk');
  });

  it('given a person added, when an auditor reads the audit trail, then their addition is in it: who added them, and when', async () => {
    await api.readModelsCaughtUp();
    const trail = await as('audit-khan', 'auditor').get('/audit?user=flo-fletcher').expect(200);
    expect(trail.body.entries).toContainEqual(
      expect.objectContaining({
        type: 'PersonAdded',
        streamId: 'person-asha.patel@force.police.uk',
        userId: 'flo-fletcher',
        role: 'liaison',
      }),
    );
  });
});
