/**
 * Evidence uploads: documents of 5 MB sent one after another over HTTP to the API running as its own
 * process (multipart, streamed into the evidence store, hashed, typed, fsynced, renamed and recorded as
 * EvidenceAttached), beside writing the same bytes to a file with fsync directly, in the same run.
 *   npm run bench:evidence                                  100 uploads of 5 MB
 *   BENCH_UPLOADS=20 BENCH_MB=2 npm run bench:evidence      a quick try
 * The two take turns in blocks of ten on the same disk, so the shared disk's drift falls on both.
 * Target: the uploads reach at least half the raw rate.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken, type Role } from '@hmicfrs/auth';
import { BUILT_API, cpuMilliseconds, freePort, startApi, stopApi } from './api-process';
import { seconds } from './measure';
import { positiveInteger } from './settings';

const UPLOADS = positiveInteger('BENCH_UPLOADS', 100);
const MEGABYTES = positiveInteger('BENCH_MB', 5);
const BLOCK = 10;
const TARGET = 0.5;

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'hmicfrs-bench-evidence-'));
  const size = MEGABYTES * 1024 * 1024;
  console.log(
    `Evidence benchmark: ${UPLOADS} uploads of ${MEGABYTES} MB, sequential, beside the same bytes written with fsync; files in ${root}`,
  );
  let api: ChildProcess | undefined;
  try {
    const secret = randomBytes(32).toString('hex');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    api = await startApi(BUILT_API, { DATA_DIR: join(root, 'data'), PORT: String(port), JWT_SECRET: secret, LOG_LEVEL: 'warn' });
    const as = (userId: string, role: Role) => ({ authorization: `Bearer ${issueToken({ userId, role }, secret)}` });
    const liaison = as('flo-fletcher', 'liaison');
    const owner = as('supt-patel', 'owner');
    // The owner is in the directory of people first, as the liaison officer adds them.
    await post(url, '/people', liaison, { id: 'supt-patel', name: 'Supt Asha Patel', roles: ['owner'] });
    await post(url, '/inspections', liaison, { id: 'peel-2023', reportType: 'peel', title: 'PEEL 2023–25', publishedOn: '2023-09-29' });
    // Ten documents to an item, as a large submission has.
    for (let item = 0; item < Math.ceil(UPLOADS / BLOCK); item += 1) {
      await post(url, '/recommendations', liaison, {
        reference: `B-${item}`,
        kind: 'recommendation',
        inspectionId: 'peel-2023',
        text: `Recommendation B-${item}`,
        level: 3,
        addressee: 'Chief Constables',
        portfolio: 'Crime',
        owner: 'supt-patel',
      });
    }

    // One buffer, its first line changed for each document: every upload is new bytes, and memory stays one document's.
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n% document 000000\n'), randomBytes(size - 27)]);
    const document = (n: number) => {
      bytes.write(String(n).padStart(6, '0'), 20, 'latin1');
      return bytes;
    };
    const rawDir = join(root, 'raw');
    mkdirSync(rawDir);
    let httpNs = 0n;
    let rawNs = 0n;
    let apiCpuMs = 0;
    for (let start = 0; start < UPLOADS; start += BLOCK) {
      const end = Math.min(UPLOADS, start + BLOCK);
      let began = process.hrtime.bigint();
      const cpuBefore = cpuMilliseconds(api) ?? NaN;
      for (let n = start; n < end; n += 1) await upload(url, `B-${Math.floor(n / BLOCK)}`, owner, document(n), `document ${n}.pdf`);
      httpNs += process.hrtime.bigint() - began;
      apiCpuMs += (cpuMilliseconds(api) ?? NaN) - cpuBefore;
      began = process.hrtime.bigint();
      for (let n = start; n < end; n += 1) await writeDurably(rawDir, n, document(n));
      rawNs += process.hrtime.bigint() - began;
    }
    const total = (UPLOADS * size) / (1024 * 1024);
    const httpRate = total / seconds(httpNs);
    const rawRate = total / seconds(rawNs);
    const ratio = httpRate / rawRate;
    console.log(
      `  HTTP uploads      ${httpRate.toFixed(1).padStart(7)} MB/s  (${((seconds(httpNs) / UPLOADS) * 1000).toFixed(0)} ms an upload)`,
    );
    console.log(`  API CPU           ${(apiCpuMs / UPLOADS).toFixed(1).padStart(7)} ms an upload (user + system)`);
    console.log(
      `  write + fsync     ${rawRate.toFixed(1).padStart(7)} MB/s  (${((seconds(rawNs) / UPLOADS) * 1000).toFixed(0)} ms a file)`,
    );
    console.log(`  uploads/raw       ${ratio.toFixed(2).padStart(7)}       (target ≥ ${TARGET}: ${ratio >= TARGET ? 'met' : 'NOT met'})`);
  } finally {
    if (api) await stopApi(api);
    rmSync(root, { recursive: true, force: true });
  }
}

async function post(url: string, path: string, headers: Record<string, string>, body: object): Promise<void> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
}

/**
 * One multipart upload over node:http, the framing written around the document's bytes as curl does.
 * (fetch with FormData spent some 60 ms of its own on each 5 MB here, more than the server took.)
 */
function upload(url: string, id: string, headers: Record<string, string>, bytes: Buffer, name: string): Promise<void> {
  const boundary = `bench-${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const sent = request(
      `${url}/recommendations/${id}/evidence`,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + bytes.length + tail.length,
        },
      },
      (response) => {
        const body: Buffer[] = [];
        response.on('data', (chunk: Buffer) => body.push(chunk));
        response.on('end', () =>
          response.statusCode === 200
            ? resolve()
            : reject(new Error(`upload ${name}: ${response.statusCode} ${Buffer.concat(body).toString()}`)),
        );
      },
    );
    sent.on('error', reject);
    sent.write(head);
    sent.write(bytes);
    sent.end(tail);
  });
}

/** The raw rate: the bytes written to a new file and fsynced, nothing else (no hashing, no rename, no HTTP). */
async function writeDurably(dir: string, n: number, bytes: Buffer): Promise<void> {
  const file = await open(join(dir, String(n)), 'wx', 0o600);
  try {
    await file.writeFile(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
