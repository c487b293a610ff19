import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '@hmicfrs/clock';
import { SqliteEventStore } from '@hmicfrs/event-store';
import { SEAL_STREAM, fingerprintOf, Sealer, verifyHistory } from '@hmicfrs/seal';
import { median, seconds } from './measure';
import { commandEvents } from './payload';
import { positiveInteger } from './settings';

/**
 * Verify speed (issue 11: verifying runs at ≥ 0.5 of the raw global read rate, measured in the same run).
 * BENCH_EVENTS events (default 1,000,000) over 10,000 streams, sealed every 1,000 as the API does; then,
 * taking turns, the store's plain global read and `verifyHistory` over the same file, medians of 3.
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
    try {
      const read = async () => {
        let count = 0;
        for await (const event of store.readAll()) count += event.streamId === SEAL_STREAM ? 0 : 1;
        return count;
      };
      const verify = async () => {
        const verdict = await verifyHistory({ store, publicKey, keyFingerprint: key.fingerprint });
        if (verdict.findings.length > 0) throw new Error(`verify found ${verdict.findings[0].message}`);
        return verdict.events;
      };
      const rates = { read: [] as number[], verify: [] as number[] };
      await read(); // warm the page cache for both
      for (let run = 0; run < REPEATS; run += 1) {
        const order: ('read' | 'verify')[] = run % 2 === 0 ? ['read', 'verify'] : ['verify', 'read'];
        for (const name of order) {
          const pass = name === 'read' ? read : verify;
          const started = process.hrtime.bigint();
          const count = await pass();
          const elapsed = seconds(process.hrtime.bigint() - started);
          if (count !== EVENTS) throw new Error(`${name} saw ${count} events, expected ${EVENTS}`);
          rates[name].push(count / elapsed);
        }
      }
      const [read_, verify_] = [median(rates.read), median(rates.verify)];
      console.log(
        `  global read (readAll)  ${Math.round(read_).toLocaleString('en-GB').padStart(10)} events/s\n` +
          `  verify (verifyHistory) ${Math.round(verify_).toLocaleString('en-GB').padStart(10)} events/s   ratio ${(verify_ / read_).toFixed(2)} (target ≥ 0.5)\n` +
          `  each run's ratio: ${rates.verify.map((rate, run) => (rate / rates.read[run]).toFixed(2)).join(', ')}`,
      );
    } finally {
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
