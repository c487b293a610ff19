import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@hmicfrs/event-store';
import { HistoryVerifier, Sealer, verifyHistory } from '@hmicfrs/seal';
import { APPENDS, newKey, steppingClock, writeRegister } from './support/sealed-store';

/** The running API's verification carries on from where it stopped, checkpoint by checkpoint. */
describe('verifying incrementally', () => {
  it('each pass checks only the checkpoints written since, and the passes together agree with one full verify', async () => {
    const clock = steppingClock();
    const store = SqliteEventStore.open(join(mkdtempSync(join(tmpdir(), 'incremental-')), 'events.db'), { clock });
    const key = newKey();
    const sealer = new Sealer(store, key, clock, { maxEventsPerCheckpoint: 3 });
    const verifier = new HistoryVerifier({ store, publicKey: key.publicKey, keyFingerprint: key.fingerprint });
    try {
      await writeRegister(store, APPENDS.slice(0, 6));
      await sealer.seal();
      await writeRegister(store, APPENDS.slice(6, 8)); // not yet sealed: the pass stops at the last checkpoint
      const first = await verifier.verify({ throughUnsealed: false });
      expect(first).toMatchObject({ findings: [], events: 7, checkpointsChecked: 3 });

      await sealer.seal();
      await writeRegister(store, APPENDS.slice(8));
      await sealer.seal();
      const second = await verifier.verify({ throughUnsealed: false });
      const full = await verifyHistory({ store, publicKey: key.publicKey, keyFingerprint: key.fingerprint });
      expect(second.findings).toEqual([]);
      expect(second.events).toBe(full.events);
      expect(second.events).toBeGreaterThan(first.events);
      expect(second.checkpointsChecked).toBe(full.checkpointsChecked);
      expect(second.sealedThrough).toEqual(full.sealedThrough);
    } finally {
      await store.close();
    }
  });
});
