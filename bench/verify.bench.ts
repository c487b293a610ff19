import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '@hmicfrs/clock';
import { SqliteEventStore } from '@hmicfrs/event-store';
import { SEAL_STREAM, fingerprintOf, Sealer, verifyHistory } from '@hmicfrs/seal';
import { median, seconds } from './measure';
import { commandEvents } from './payload';
import { RawSqlite } from './raw-sqlite';
import { positiveInteger } from './settings';

/**
 * Verify speed (issue 11: verifying runs at ≥ 0.5 of the raw global read rate, measured in the same run).
 * BENCH_EVENTS events (default 1,000,000) over 10,000 streams, sealed every 1,000 as the API does; then,
 * taking turns, better-sqlite3's raw global read, the store's plain global read and `verifyHistory` over
 * the same file, medians of 3; the target is against the raw read.
 */
const EVENTS = positiveInteger('BENCH_EVENTS', 1_000_000);
const STREAMS = 10_000;
const PER_APPEND = 100;
const REPEATS = 3;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-verify-'));
  const file = join(dir, 'events.db');
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicKey = createPublicKey(privateKey);
  const key = { privateKey, publicKey, fingerprint: fingerprintOf(publicKey), publicKeyPem: '', source: 'bench' };
  try {
    const writing = SqliteEventStore.open(file);
    for (let first = 0; first < EVENTS; first += PER_APPEND) {
      await writing.append(
        `recommendation-${(first / PER_APPEND) % STREAMS}`,
        commandEvents(first, Math.min(PER_APPEND, EVENTS - first)),
        'any',
      );
    }
    const sealed = await new Sealer(writing, key, systemClock, { maxEventsPerCheckpoint: 1000 }).seal();
    await writing.close();
    console.log(
      `Verify benchmark: ${EVENTS.toLocaleString('en-GB')} events in ${STREAMS.toLocaleString('en-GB')} streams, ${sealed.written.length} checkpoints`,
    );

    const store = SqliteEventStore.open(file, { readonly: true });
    const raw = new RawSqlite(file);
    try {
      const checkpoints = sealed.written.length;
      const passes = {
        // better-sqlite3 over the same file, parsing each row's data and metadata (bench:store's raw read)
        raw: async () => raw.readAll() - checkpoints,
        read: async () => {
          let count = 0;
          for await (const event of store.readAll()) count += event.streamId === SEAL_STREAM ? 0 : 1;
          return count;
        },
        verify: async () => {
          const verdict = await verifyHistory({ store, publicKey, keyFingerprint: key.fingerprint });
          if (verdict.findings.length > 0) throw new Error(`verify found ${verdict.findings[0].message}`);
          return verdict.events;
        },
      };
      const names = ['raw', 'read', 'verify'] as const;
      const rates = { raw: [] as number[], read: [] as number[], verify: [] as number[] };
      await passes.read(); // warm the page cache for all three
      for (let run = 0; run < REPEATS; run += 1) {
        // Each run in another order, so a slow spell of the shared machine does not always fall on one pass.
        for (const name of [...names.slice(run % 3), ...names.slice(0, run % 3)]) {
          const started = process.hrtime.bigint();
          const count = await passes[name]();
          const elapsed = seconds(process.hrtime.bigint() - started);
          if (count !== EVENTS) throw new Error(`${name} saw ${count} events, expected ${EVENTS}`);
          rates[name].push(count / elapsed);
        }
      }
      const [raw_, read_, verify_] = [median(rates.raw), median(rates.read), median(rates.verify)];
      const rate = (value: number) => Math.round(value).toLocaleString('en-GB').padStart(10);
      console.log(
        `  raw global read (better-sqlite3)   ${rate(raw_)} events/s\n` +
          `  global read (the store's readAll)  ${rate(read_)} events/s\n` +
          `  verify (verifyHistory)             ${rate(verify_)} events/s   ratio ${(verify_ / raw_).toFixed(2)} of raw (target ≥ 0.5), ${(verify_ / read_).toFixed(2)} of readAll\n` +
          `  each run's ratio to raw: ${rates.verify.map((value, run) => (value / rates.raw[run]).toFixed(2)).join(', ')}; ` +
          `to readAll: ${rates.verify.map((value, run) => (value / rates.read[run]).toFixed(2)).join(', ')}`,
      );
    } finally {
      raw.close();
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
