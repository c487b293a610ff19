/**
 * Evidence uploads: documents of 5 MB sent one after another over HTTP to the API running as its own
 * process (streamed into the evidence store, hashed, typed, fsynced, renamed and recorded as
 * EvidenceAttached), beside writing the same bytes to a file with fsync directly, in the same run. Each
 * document goes up both ways the API takes one: a multipart form (as a browser and `curl -F` send it) and
 * the document as the whole body (`curl --data-binary`, no form to parse).
 *   npm run bench:evidence                                  100 uploads of 5 MB each way
 *   BENCH_UPLOADS=20 BENCH_MB=2 npm run bench:evidence      a quick try
 *   BENCH_CONCURRENCY=4 npm run bench:evidence              four uploads at a time (and four raw writers)
 * The ratio is against the raw write + fsync. A second raw line does what the store must for its crash
 * guarantee (write, fsync, rename into a folder, fsync of the folder), for the cost of HTTP and the event alone.
 * All take turns in blocks of ten on the same disk, so the shared disk's drift falls on each.
 * Target: the uploads reach at least half the raw rate.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken, type Role } from '@hmicfrs/auth';
import { BUILT_API, cpuMilliseconds, freePort, startApi, stopApi } from './api-process';
import { seconds } from './measure';
import { positiveInteger } from './settings';

const UPLOADS = positiveInteger('BENCH_UPLOADS', 100);
const MEGABYTES = positiveInteger('BENCH_MB', 5);
/** Uploads in flight at once (and raw writes, in the same number): 1, one after another, unless told. */
const CONCURRENCY = positiveInteger('BENCH_CONCURRENCY', 1);
const BLOCK = 10;
const TARGET = 0.5;

/** One way of putting a document on disk, timed over every block. */
interface Way {
  name: string;
  put: (n: number, bytes: Buffer) => Promise<void>;
  ns: bigint;
  /** The API's CPU time over this way's blocks (uploads only). */
  apiCpuMs?: number;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'hmicfrs-bench-evidence-'));
  const size = MEGABYTES * 1024 * 1024;
  console.log(
    `Evidence benchmark: ${UPLOADS} uploads of ${MEGABYTES} MB each way, ${CONCURRENCY === 1 ? 'sequential' : `${CONCURRENCY} at a time`}, beside the same bytes written with fsync; files in ${root}`,
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
    // Ten documents to an item, as a large submission has; items of their own for each way of uploading.
    const items = Math.ceil(UPLOADS / BLOCK);
    for (const way of ['F', 'B']) {
      for (let item = 0; item < items; item += 1) {
        await post(url, '/recommendations', liaison, {
          reference: `${way}-${item}`,
          kind: 'recommendation',
          inspectionId: 'peel-2023',
          text: `Recommendation ${way}-${item}`,
          level: 3,
          addressee: 'Chief Constables',
          portfolio: 'Crime',
          owner: 'supt-patel',
        });
      }
    }

    // A buffer for each upload at once, its first line changed for each document: every upload is new
    // bytes, and memory stays one document's a connection.
    const random = randomBytes(size - 27);
    const buffers = Array.from({ length: CONCURRENCY }, () => Buffer.concat([Buffer.from('%PDF-1.4\n% document 000000\n'), random]));
    const document = (n: number, slot: number) => {
      buffers[slot].write(String(n).padStart(6, '0'), 20, 'latin1');
      return buffers[slot];
    };
    const rawDir = join(root, 'raw');
    const durableDir = join(root, 'durable');
    mkdirSync(rawDir);
    mkdirSync(join(durableDir, 'tmp'), { recursive: true });
    mkdirSync(join(durableDir, 'kept'));
    const item = (way: string, n: number) => `${way}-${Math.floor(n / BLOCK)}`;
    const ways: Way[] = [
      {
        name: 'HTTP, multipart form',
        put: (n, b) => upload(url, item('F', n), owner, b, `document ${n}.pdf`, 'form'),
        ns: 0n,
        apiCpuMs: 0,
      },
      {
        name: 'HTTP, document as body',
        put: (n, b) => upload(url, item('B', n), owner, b, `document ${n}.pdf`, 'body'),
        ns: 0n,
        apiCpuMs: 0,
      },
      { name: 'write + fsync', put: (n, b) => writeDurably(rawDir, n, b), ns: 0n },
      { name: '  + rename + fsync folder', put: (n, b) => writeAndKeep(durableDir, n, b), ns: 0n },
    ];
    // The multipart and body uploads are different documents (the same bytes twice would be kept once).
    const documentOf = (way: Way, n: number, slot: number) => document(way === ways[1] ? UPLOADS + n : n, slot);
    for (let start = 0; start < UPLOADS; start += BLOCK) {
      const end = Math.min(UPLOADS, start + BLOCK);
      for (const way of ways) {
        const cpuBefore = cpuMilliseconds(api) ?? NaN;
        const began = process.hrtime.bigint();
        // CONCURRENCY connections (or writers) at once, each taking the block's next document.
        let next = start;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async (_, slot) => {
            for (let n = next++; n < end; n = next++) await way.put(n, documentOf(way, n, slot));
          }),
        );
        way.ns += process.hrtime.bigint() - began;
        if (way.apiCpuMs !== undefined) way.apiCpuMs += (cpuMilliseconds(api) ?? NaN) - cpuBefore;
      }
    }
    const total = (UPLOADS * size) / (1024 * 1024);
    const rate = (way: Way) => total / seconds(way.ns);
    const raw = rate(ways[2]);
    for (const way of ways) {
      const cpu = way.apiCpuMs === undefined ? '' : `, API CPU ${(way.apiCpuMs / UPLOADS).toFixed(1)} ms`;
      const ratio = way === ways[2] ? '' : `  ${(rate(way) / raw).toFixed(2)} of raw`;
      console.log(
        `  ${way.name.padEnd(26)} ${rate(way).toFixed(1).padStart(7)} MB/s  (${((seconds(way.ns) / UPLOADS) * 1000).toFixed(0)} ms each${cpu})${ratio}`,
      );
    }
    for (const way of ways.slice(0, 2)) {
      const ratio = rate(way) / raw;
      console.log(
        `  ${`${way.name}/raw`.padEnd(34)} ${ratio.toFixed(2).padStart(5)}  (target ≥ ${TARGET}: ${ratio >= TARGET ? 'met' : 'NOT met'}; ` +
          `${(rate(way) / rate(ways[3])).toFixed(2)} of the write that keeps as the store does)`,
      );
    }
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
 * One upload over node:http: a multipart form, its framing written around the document's bytes as curl does,
 * or the document as the whole body, named in the query. (fetch with FormData spent some 60 ms of its own
 * on each 5 MB here, more than the server took.)
 */
function upload(url: string, id: string, headers: Record<string, string>, bytes: Buffer, name: string, as: 'form' | 'body'): Promise<void> {
  const boundary = `bench-${randomBytes(8).toString('hex')}`;
  const [head, tail, type, query] =
    as === 'form'
      ? [
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
          ),
          Buffer.from(`\r\n--${boundary}--\r\n`),
          `multipart/form-data; boundary=${boundary}`,
          '',
        ]
      : [Buffer.alloc(0), Buffer.alloc(0), 'application/pdf', `?fileName=${encodeURIComponent(name)}`];
  return new Promise((resolve, reject) => {
    const sent = request(
      `${url}/recommendations/${id}/evidence${query}`,
      { method: 'POST', headers: { ...headers, 'content-type': type, 'content-length': head.length + bytes.length + tail.length } },
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
    if (head.length > 0) sent.write(head);
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

/** What the store does to keep a file so that a crash leaves all of it or none: write and fsync it, rename it, fsync its folder. */
async function writeAndKeep(dir: string, n: number, bytes: Buffer): Promise<void> {
  const staged = join(dir, 'tmp', String(n));
  await writeDurably(join(dir, 'tmp'), n, bytes);
  await rename(staged, join(dir, 'kept', String(n)));
  const folder = await open(join(dir, 'kept'), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
