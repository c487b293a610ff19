import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken, type Role } from '@hmicfrs/auth';
import { testPerson } from '../support/people';
import { pdf } from './support';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '..', '..');
const TS_HOOK = join(ROOT, 'scripts', 'ts-hook.js');
const SECRET = 'crash-test-secret-'.padEnd(48, 'x');

/** Every file under a directory, as paths relative to it; none when it does not exist. */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
  } catch {
    return [];
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A TypeScript entry point of the project in its own process (the sources as jest runs them), with DATA_DIR set. */
function run(entry: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['-r', TS_HOOK, join(ROOT, entry), ...args], {
    env: { ...process.env, JWT_SECRET: SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The API in its own process, as in production: resolves once it listens. */
async function startApiProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = run('apps/api/src/main.ts', [], { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the API exited with ${code} before it listened: ${stderr}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('HMICFRS recommendations API on')) resolve();
    });
  });
  child.removeAllListeners('exit');
  return { child, url: `http://127.0.0.1:${port}` };
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

function cli(dataDir: string, ...args: string[]): Promise<{ code: number | null; stdout: string }> {
  const child = run('apps/cli/src/main.ts', args, { DATA_DIR: dataDir });
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout }));
  });
}

const bearer = (userId: string, role: Role) => `Bearer ${issueToken({ userId, role }, SECRET)}`;

async function call(url: string, path: string, as: [string, Role], init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${url}${path}`, {
    method: init.method ?? 'POST',
    headers: { authorization: bearer(...as), 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const LIAISON: [string, Role] = ['flo-fletcher', 'liaison'];
const OWNER: [string, Role] = ['supt-patel', 'owner'];
const AUDITOR: [string, Role] = ['audit-khan', 'auditor'];

/**
 * The evidence store's promise under a real crash: the API process is killed (SIGKILL, no chance to
 * tidy up) while a large upload streams in. Nothing lies under a hash, no event is written, the
 * interrupted upload is left in the staging area for `cli evidence gc`; and `cli evidence verify`
 * names a document replaced or deleted behind the system's back.
 */
describe('evidence when the API process is killed in the middle of an upload', () => {
  let dataDir: string;
  let api: { child: ChildProcess; url: string } | undefined;
  const evidence = () => join(dataDir, 'evidence');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hmicfrs-evidence-crash-'));
    api = await startApiProcess(dataDir);
    const inspection = { id: 'peel-2023', reportType: 'peel', title: 'PEEL 2023–25', publishedOn: '2023-09-29' };
    expect((await call(api.url, '/inspections', LIAISON, { body: inspection })).status).toBe(201);
    // Every owner is someone in the directory of people.
    expect((await call(api.url, '/people', LIAISON, { body: testPerson('supt-patel') })).status).toBe(201);
    const item = {
      reference: 'C-1',
      kind: 'recommendation',
      inspectionId: 'peel-2023',
      text: 'Recommendation C-1',
      level: 3,
      addressee: 'Chief Constables',
      portfolio: 'Crime',
      owner: 'supt-patel',
    };
    expect((await call(api.url, '/recommendations', LIAISON, { body: item })).status).toBe(201);
  });
  afterAll(async () => {
    if (api) await stop(api.child, 'SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function historyTypes(): Promise<string[]> {
    const { status, body } = await call(api!.url, '/recommendations/C-1/history', AUDITOR, { method: 'GET' });
    expect(status).toBe(200);
    return (body.events as { type: string }[]).map((event) => event.type);
  }

  it('leaves no file under a hash and no event; the interrupted upload waits in staging for evidence gc', async () => {
    const before = await historyTypes();
    const boundary = 'crash-test-boundary';
    const upload = httpRequest(`${api!.url}/recommendations/C-1/evidence`, {
      method: 'POST',
      headers: { authorization: bearer(...OWNER), 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    upload.on('error', () => undefined); // the server dies under it: that is the point
    upload.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="case file.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
    );
    // A 20 MB document, sent a megabyte at a time until the server has written a few of them to staging.
    const staging = join(evidence(), 'tmp');
    const megabyte = Buffer.alloc(1024 * 1024, 'x');
    let staged = 0;
    for (let sent = 0; sent < 20 && staged < 3 * megabyte.length; sent += 1) {
      if (!upload.write(megabyte)) await new Promise((resolve) => upload.once('drain', resolve));
      await new Promise((resolve) => setTimeout(resolve, 20));
      staged = Math.max(0, ...filesUnder(staging).map((name) => statSync(join(staging, name)).size));
    }
    expect(staged).toBeGreaterThan(0);
    await stop(api!.child, 'SIGKILL');
    upload.destroy();

    expect(filesUnder(join(evidence(), 'sha256'))).toEqual([]);
    const leftovers = filesUnder(staging);
    expect(leftovers).toEqual([expect.stringMatching(/^[0-9a-f-]{36}\.part$/)]);

    api = await startApiProcess(dataDir);
    expect(await historyTypes()).toEqual(before);
    expect(filesUnder(join(evidence(), 'sha256'))).toEqual([]);

    // Within the hour an upload may still be on its way: gc leaves it; an hour later it lists it, then removes it.
    expect((await cli(dataDir, 'evidence', 'gc', '--dry-run')).stdout).toContain('0 files (0 MB) would be removed');
    const anHourAgo = new Date(Date.now() - 61 * 60 * 1000);
    utimesSync(join(staging, leftovers[0]), anHourAgo, anHourAgo);
    const dryRun = await cli(dataDir, 'evidence', 'gc', '--dry-run');
    expect(dryRun.stdout).toContain(`would remove interrupted upload ${leftovers[0].slice(0, -'.part'.length)}`);
    expect(filesUnder(staging)).toEqual(leftovers);
    expect((await cli(dataDir, 'evidence', 'gc')).code).toBe(0);
    expect(filesUnder(staging)).toEqual([]);
  });

  it('evidence verify names a document replaced and one deleted behind the system’s back', async () => {
    const send = async (name: string, bytes: Buffer) => {
      const form = new FormData();
      form.append('file', new Blob([bytes], { type: 'application/pdf' }), name);
      const response = await fetch(`${api!.url}/recommendations/C-1/evidence`, {
        method: 'POST',
        headers: { authorization: bearer(...OWNER) },
        body: form,
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { attached: { recorded: { data: { sha256: string; evidenceId: string } }[] }[] }).attached[0]
        .recorded[0].data;
    };
    const plan = await send('plan.pdf', pdf('Action plan'));
    const letter = await send('letter.pdf', pdf('Chief Constable letter'));
    expect((await cli(dataDir, 'evidence', 'verify')).stdout).toContain('OK: 2 documents checked');

    const fileOf = (sha256: string) => join(evidence(), 'sha256', sha256.slice(0, 2), sha256);
    chmodSync(fileOf(plan.sha256), 0o600);
    writeFileSync(fileOf(plan.sha256), pdf('Action plan, quietly edited'));
    unlinkSync(fileOf(letter.sha256));

    const verdict = await cli(dataDir, 'evidence', 'verify');
    expect(verdict.code).toBe(1);
    expect(verdict.stdout).toMatch(
      new RegExp(
        `BROKEN altered: the file under ${plan.sha256} now hashes to [0-9a-f]{64}, named by recommendation-C-1 evidence ${plan.evidenceId}`,
      ),
    );
    expect(verdict.stdout).toContain(
      `BROKEN missing: no file with SHA-256 ${letter.sha256}, named by recommendation-C-1 evidence ${letter.evidenceId}`,
    );
    expect(verdict.stdout).toContain('2 of 2 documents missing or altered.');
  });
});
