import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { issueToken, type Role } from '@hmicfrs/auth';
import { loadConfig } from '@hmicfrs/config';
import { createHttpApp } from '../../apps/api/src/http-app';
import { LIAISON, testPerson, type TestPerson } from './people';

export interface RunningApi {
  app: NestFastifyApplication;
  /** http://127.0.0.1:<port> of the real server. */
  url: string;
  dataDir: string;
  /** `Authorization` header value for a user in a role. */
  bearer(userId: string, role: Role): string;
  /** Resolves once every read model has projected everything the store holds now (GET /projections says so). */
  readModelsCaughtUp(): Promise<void>;
  /** Adds people to the directory as the liaison officer does: POST /people (someone already there is left as they are). */
  addPeople(...people: TestPerson[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real API on a real port, with a fresh embedded store in a temporary data directory. `people`:
 * whom the test's items belong to, added to the directory first (every owner must be in it).
 * `dataDir`: start on a data directory kept from an earlier start instead (a restart); the test
 * removes it, `close()` leaves it.
 */
export async function startApi(
  env: Record<string, string> = {},
  { people = [], dataDir: kept }: { people?: TestPerson[]; dataDir?: string } = {},
): Promise<RunningApi> {
  const dataDir = kept ?? mkdtempSync(join(tmpdir(), 'hmicfrs-api-'));
  const secret = 'test-secret-'.padEnd(48, 'x');
  const config = loadConfig({ DATA_DIR: dataDir, JWT_SECRET: secret, PORT: '0', ...env });
  const app = await createHttpApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const bearer = (userId: string, role: Role) => `Bearer ${issueToken({ userId, role }, secret)}`;
  const running: RunningApi = {
    app,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    bearer,
    async readModelsCaughtUp() {
      const auditor = `Bearer ${issueToken({ userId: 'test-auditor', role: 'auditor' }, secret)}`;
      for (let attempt = 0; attempt < 200; attempt += 1) {
        const response = await fetch(`http://127.0.0.1:${port}/projections`, { headers: { authorization: auditor } });
        const state = (await response.json()) as { projections: { caughtUp: boolean }[] };
        if (state.projections.every((projection) => projection.caughtUp)) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('The read models did not catch up with the store within 10 s');
    },
    async addPeople(...people) {
      for (const person of people.map((who) => testPerson(who))) {
        const response = await fetch(`http://127.0.0.1:${port}/people`, {
          method: 'POST',
          headers: { authorization: bearer(LIAISON.userId, LIAISON.role), 'content-type': 'application/json' },
          body: JSON.stringify({ ...person, email: person.email ?? undefined, portfolio: person.portfolio ?? undefined }),
        });
        if (response.status !== 201 && response.status !== 409) {
          throw new Error(`POST /people ${person.id}: ${response.status} ${await response.text()}`);
        }
      }
    },
    async close() {
      await app.close();
      if (kept === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await running.addPeople(...people);
  return running;
}
