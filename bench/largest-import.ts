import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken } from '@hmicfrs/auth';
import { loadConfig } from '@hmicfrs/config';
import { createHttpApp } from '../apps/api/src/http-app';
import { watchEventLoop, type LoopBlocks } from './event-loop-watch';

export interface LargestFile {
  name: string;
  bytes: Buffer;
  type: string;
}

/** What one watched stretch showed: the slowest /health answer and the event loop's longest block. */
interface Watched extends LoopBlocks {
  slowestHealthMs: number;
  seconds: number;
}

const SECRET = 'bench-secret-'.padEnd(48, 'x');

/**
 * Issue 14: during the largest import `/health` answers within 200 ms. The API runs in this process, so the
 * event loop watched is the server's; /health is asked every 20 ms. The baseline is the same watch with
 * nothing imported, in the same run. Each file is checked (a dry run), then the first one imported for real.
 */
export async function largestImport(files: LargestFile[], owner: { id: string; name: string }): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hmicfrs-bench-largest-'));
  const app = await createHttpApp(loadConfig({ DATA_DIR: dataDir, JWT_SECRET: SECRET, PORT: '0' }), { logger: false });
  try {
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const liaison = `Bearer ${issueToken({ userId: 'flo-fletcher', role: 'liaison' }, SECRET)}`;
    const added = await fetch(`${url}/people`, {
      method: 'POST',
      headers: { authorization: liaison, 'content-type': 'application/json' },
      body: JSON.stringify({ ...owner, roles: ['owner'] }),
    });
    if (!added.ok) throw new Error(`POST /people: ${added.status} ${await added.text()}`);
    const post = (file: LargestFile, dryRun: boolean) => async () => {
      const response = await fetch(`${url}/imports?fileName=${file.name}${dryRun ? '&dryRun=true' : ''}`, {
        method: 'POST',
        headers: { authorization: liaison, 'content-type': file.type },
        body: file.bytes,
      });
      if (!response.ok) throw new Error(`POST /imports ${file.name}: ${response.status} ${(await response.text()).slice(0, 500)}`);
    };
    const idle = () => new Promise((resolve) => setTimeout(resolve, 3000));
    print('nothing imported (the baseline)', await watched(url, idle));
    for (const file of files) print(`${file.name} checked`, await watched(url, post(file, true)));
    print(`${files[0].name} imported`, await watched(url, post(files[0], false)));
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function watched(url: string, work: () => Promise<unknown>): Promise<Watched> {
  const loop = watchEventLoop();
  let slowestHealthMs = 0;
  let done = false;
  const health = (async () => {
    while (!done) {
      const asked = performance.now();
      await (await fetch(`${url}/health`)).text();
      slowestHealthMs = Math.max(slowestHealthMs, performance.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const started = performance.now();
  try {
    await work();
  } finally {
    done = true;
    await health;
  }
  return { slowestHealthMs, seconds: (performance.now() - started) / 1000, ...loop.stop() };
}

/** The block in wall time, and the most CPU time the thread itself spent between two turns (`watchEventLoop`). */
function print(what: string, { slowestHealthMs, longestMs, longestCpuMs, seconds }: Watched): void {
  const cpu = longestCpuMs === undefined ? '' : `, ${longestCpuMs.toFixed(0)} ms CPU`;
  console.log(
    `  ${what.padEnd(32)} ${seconds.toFixed(1).padStart(5)} s: slowest /health ${slowestHealthMs.toFixed(0).padStart(4)} ms, ` +
      `longest event-loop block ${longestMs.toFixed(0).padStart(4)} ms wall${cpu}`,
  );
}
