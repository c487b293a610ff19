import request from 'supertest';
import type { Role } from '@hmicfrs/auth';
import type { RunningApi } from './running-api';

/** Requests to the running API as one person in one role (a bearer token of theirs on each). */
export function actingAs(api: RunningApi, userId: string, role: Role) {
  return {
    post: (path: string, body: object = {}, headers: Record<string, string> = {}) =>
      request(api.url).post(path).set('Authorization', api.bearer(userId, role)).set(headers).send(body),
    get: (path: string) => request(api.url).get(path).set('Authorization', api.bearer(userId, role)),
  };
}

/** The PEEL report the API tests record their items under. */
export const PEEL_2023 = { id: 'peel-2023', reportType: 'peel', title: 'PEEL 2023–25', publishedOn: '2023-09-29' };

/**
 * Opens an item of PEEL_2023 as the liaison officer: a level 3 recommendation owned by supt-patel unless
 * `fields` says otherwise. The owner must be in the directory (`startApi(…, { people })`).
 */
export async function openItem(api: RunningApi, reference: string, fields: Record<string, unknown> = {}): Promise<void> {
  await actingAs(api, 'flo-fletcher', 'liaison')
    .post('/recommendations', {
      reference,
      kind: 'recommendation',
      inspectionId: PEEL_2023.id,
      text: 'x',
      level: 3,
      addressee: 'Chief Constables',
      portfolio: 'Crime',
      owner: 'supt-patel',
      ...fields,
    })
    .expect(201);
}
