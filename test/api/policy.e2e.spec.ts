import request from 'supertest';
import { POLICY, ROLES, permits, type Action } from '@hmicfrs/auth';
import { COMMAND_ENTRIES } from '../../apps/api/src/commands/lifecycle-commands';
import { startApi, type RunningApi } from '../support/running-api';

/** Every route, the policy action it must be governed by, and a request that reaches it. */
const ROUTES: { action: Action; method: 'get' | 'post' | 'delete'; path: string; body?: object }[] = [
  { action: 'inspection.record', method: 'post', path: '/inspections', body: {} },
  { action: 'recommendation.open', method: 'post', path: '/recommendations', body: {} },
  ...(
    [
      'rate',
      'note',
      'evidence',
      'assign',
      'due-date',
      'submit',
      'withdraw',
      'approve',
      'return',
      'verify',
      'reject',
      'level',
      'archive',
      'reopen',
      'not-applicable',
      'link',
    ] as const
  ).map((verb) => ({
    action: `recommendation.${verb}` as Action,
    method: 'post' as const,
    path: `/recommendations/W-1/${verb}`,
    body: {},
  })),
  { action: 'recommendation.evidence', method: 'delete', path: '/recommendations/W-1/evidence/e1' },
  { action: 'recommendation.read', method: 'get', path: '/recommendations/W-1' },
  { action: 'history.read', method: 'get', path: '/recommendations/W-1/history' },
  { action: 'inspection.record', method: 'post', path: '/inspection-activity', body: {} },
  { action: 'inspection.record', method: 'post', path: '/inspection-activity/a-1/debrief', body: {} },
  { action: 'paper.issue', method: 'post', path: '/papers', body: {} },
  { action: 'reports.read', method: 'get', path: '/papers/jac-2024-06-27' },
  { action: 'reports.read', method: 'get', path: '/papers/jac-2024-06-27/document' },
  { action: 'reports.read', method: 'get', path: '/papers/jac-2024-06-27/comparison' },
];

describe('every route × every role is decided by the one policy table', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({}, { people: ['supt-patel', 'ch-insp-jones'] });
    const liaison = api.bearer('flo', 'liaison');
    await request(api.url)
      .post('/inspections')
      .set('Authorization', liaison)
      .send({ id: 'peel', reportType: 'peel', title: 'PEEL', publishedOn: '2023-09-29' })
      .expect(201);
    await request(api.url)
      .post('/recommendations')
      .set('Authorization', liaison)
      .send({
        reference: 'W-1',
        kind: 'recommendation',
        inspectionId: 'peel',
        text: 't',
        level: 3,
        addressee: 'CCs',
        portfolio: 'x',
        owner: 'supt-patel',
      })
      .expect(201);
  });
  afterAll(() => api.close());

  it('lists a route for every command action in the table', () => {
    const routed = new Set(ROUTES.map((route) => route.action));
    const commandActions = Object.keys(POLICY).filter(
      (action) =>
        action.startsWith('recommendation.') || action === 'inspection.record' || action === 'history.read' || action === 'paper.issue',
    );
    expect(commandActions.filter((action) => !routed.has(action as Action))).toEqual([]);
  });

  it('lists a route for every lifecycle command in the command table, so a new one is walked here too', () => {
    const listed = new Set(ROUTES.map((route) => `${route.method} ${route.path}`));
    const made = COMMAND_ENTRIES.map((entry) =>
      entry.deleteAt === undefined ? `post /recommendations/W-1/${entry.verb}` : 'delete /recommendations/W-1/evidence/e1',
    );
    expect(made.filter((route) => !listed.has(route))).toEqual([]);
  });

  describe.each(ROUTES)('$method $path', (route) => {
    it.each(ROLES)('as %s', async (role) => {
      const userId = role === 'owner' ? 'supt-patel' : `${role}-1`;
      const call = request(api.url)[route.method](route.path).set('Authorization', api.bearer(userId, role));
      const response = route.body ? await call.send(route.body) : await call;
      const allowed = permits({ userId, role }, route.action).allowed;
      if (allowed) expect(response.status).not.toBe(403);
      else expect(response.status).toBe(403);
      expect(response.status).toBeLessThan(500);
    });
  });
});
