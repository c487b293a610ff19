import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@hmicfrs/config';
import { createHttpApp } from '../../apps/api/src/http-app';
import { startProvider, type RunningProvider, type TestPerson } from './oidc-provider';

/** The one client the test provider knows: the API. */
const CLIENT = { id: 'recommendations', secret: 'client-secret-'.padEnd(40, 's') };

export interface RunningOidc {
  provider: RunningProvider;
  app: NestFastifyApplication;
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The real API signing in with a real OpenID provider (`oidc-provider.ts`) that knows `people`, on a fresh
 * embedded store. `roleMap`: OIDC_ROLE_MAP, the provider's roles to ours; `env`: anything else the test
 * needs set; `pages`: the provider shows login and consent pages, for a real browser.
 */
export async function startWithProvider(
  people: Record<string, TestPerson>,
  roleMap: string,
  { env = {}, pages = false }: { env?: Record<string, string>; pages?: boolean } = {},
): Promise<RunningOidc> {
  // The provider must know where the API will be before the API may know the provider: a port picked first.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const provider = await startProvider(url, people, CLIENT, { pages });
  const dataDir = mkdtempSync(join(tmpdir(), 'hmicfrs-oidc-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    SESSION_SECRET: 'session-secret-'.padEnd(48, 'x'),
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: CLIENT.id,
    OIDC_CLIENT_SECRET: CLIENT.secret,
    OIDC_REDIRECT_URI: `${url}/app/sign-in/callback`,
    OIDC_ROLE_MAP: roleMap,
    ...env,
  });
  let app: NestFastifyApplication;
  try {
    app = await createHttpApp(config, { logger: false });
    await app.listen(port, '127.0.0.1');
  } catch (error) {
    await provider.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    provider,
    app,
    url,
    dataDir,
    async close() {
      await app.close();
      await provider.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
