import request from 'supertest';
import type { Role } from '@hmicfrs/auth';
import type { RunningApi } from '../../support/running-api';

const HELD = { location: 'Force file share', description: 'Held by the force' };
export const CC_LETTER = {
  evidenceId: 'cc-letter',
  title: 'Chief Constable letter',
  ...HELD,
  sha256: 'c'.repeat(64),
  isChiefConstableLetter: true,
};
export const ACTION_PLAN = {
  evidenceId: 'action-plan',
  title: 'Action plan, closed',
  ...HELD,
  sha256: 'a'.repeat(64),
  isChiefConstableLetter: false,
};

/** Requests as a user in a role, against the real server. */
export function as(api: RunningApi, userId: string, role: Role) {
  const auth = api.bearer(userId, role);
  return {
    get: (path: string) => request(api.url).get(path).set('Authorization', auth),
    post: (path: string, body: object = {}) => request(api.url).post(path).set('Authorization', auth).send(body),
  };
}

/** Until every projection has applied everything in the store (GET /projections). */
export async function readModelsCaughtUp(api: RunningApi, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await as(api, 'auditor-1', 'auditor').get('/projections').expect(200);
    if ((body.projections as { caughtUp: boolean }[]).every((projection) => projection.caughtUp)) return;
    if (Date.now() > deadline) throw new Error(`read models did not catch up: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
