import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { systemClock } from '@hmicfrs/clock';
import { SqliteEventStore } from '@hmicfrs/event-store';
import { fingerprintOf, Sealer } from '@hmicfrs/seal';
import { median, seconds } from './measure';
import { commandEvents } from './payload';

/**
 * Durable append throughput with the sealer on and off (issue 11: sealing costs at most 10%). The API's
 * traffic: `writers` concurrent 1-event appends over 500 streams (they share commits), and, with sealing
 * on, a checkpoint every `sealEvery` events as the API's SealSchedule writes them, in the same process.
 * fsync latency on a shared disk drifts by tens of percent within a minute, so the two stores take turns
 * in short blocks (each block of the sealed store includes finishing its checkpoints) and each run's
 * rate is the total over its blocks; the median of `repeats` runs is printed.
 */
export async function compareSealing(
  newFile: () => string,
  options: { appends: number; writers: number; sealEvery: number; repeats: number },
): Promise<{ off: number; on: number }> {
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicKey = createPublicKey(privateKey);
  const key = { privateKey, publicKey, fingerprint: fingerprintOf(publicKey), publicKeyPem: '', source: 'bench' };
  const rates = { off: [] as number[], on: [] as number[] };
  const block = options.sealEvery * 2;
  for (let run = 0; run < options.repeats; run += 1) {
    const stores = { off: SqliteEventStore.open(newFile()), on: SqliteEventStore.open(newFile()) };
    const sealer = new Sealer(stores.on, key, systemClock, { maxEventsPerCheckpoint: options.sealEvery });
    const elapsed = { off: 0n, on: 0n };
    let written = 0;
    try {
      for (let first = 0; first < options.appends; first += block) {
        const count = Math.min(block, options.appends - first);
        for (const mode of (first / block) % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
          const store = stores[mode];
          let next = first;
          let sinceSeal = 0;
          let seals: Promise<unknown> = Promise.resolve();
          const started = process.hrtime.bigint();
          await Promise.all(
            Array.from({ length: options.writers }, async () => {
              while (next < first + count) {
                const n = (next += 1);
                await store.append(`recommendation-${n % 500}`, commandEvents(n, 1), 'any');
                if (mode === 'on' && (sinceSeal += 1) >= options.sealEvery) {
                  sinceSeal = 0;
                  seals = sealer.seal();
                }
              }
            }),
          );
          await seals;
          elapsed[mode] += process.hrtime.bigint() - started;
        }
        written += count;
      }
      await sealer.seal();
      const latest = await sealer.latest();
      if (latest?.count !== written) throw new Error(`sealed ${latest?.count} of ${written} events`);
    } finally {
      await Promise.all([stores.off.close(), stores.on.close()]);
    }
    rates.off.push(written / seconds(elapsed.off));
    rates.on.push(written / seconds(elapsed.on));
  }
  const [off, on] = [median(rates.off), median(rates.on)];
  console.log(
    `\nDurable 1-event appends, ${options.writers} writers over 500 streams, ${options.appends.toLocaleString('en-GB')} appends, medians of ${options.repeats}:\n` +
      `  sealing off  ${Math.round(off).toLocaleString('en-GB').padStart(9)} events/s\n` +
      `  sealing on   ${Math.round(on).toLocaleString('en-GB').padStart(9)} events/s   (a checkpoint every ${options.sealEvery} events; cost ${((1 - on / off) * 100).toFixed(1)}%, target ≤ 10%)\n` +
      `  each run's cost: ${rates.on.map((rate, run) => `${((1 - rate / rates.off[run]) * 100).toFixed(1)}%`).join(', ')}`,
  );
  return { off, on };
}
