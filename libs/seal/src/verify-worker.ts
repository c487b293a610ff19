import { workerData } from 'node:worker_threads';
import { openEventStoreToRead, type EventStoreOptions } from '@hmicfrs/event-store';
import { publicKeyFromPem } from './seal-key';
import { HistoryVerifier, NothingSealed, type HistoryVerdict } from './verify-history';

/** Where the store is, and the key its checkpoints must be signed with (the API's own, as PEM). */
export interface VerifyWorkerData {
  store: EventStoreOptions;
  publicKeyPem: string;
}

/** Nothing sealed crosses from the worker as data: an error's own class does not survive the trip. */
export type VerifyOutcome = { verdict: HistoryVerdict } | { nothingSealed: true };

/** Kept for the thread's life: each pass goes on where the last stopped, as the API's verifier always has. */
let verifier: HistoryVerifier | undefined;

/** The thread of `VerifyThread`: its own read-only connection to the store, opened on its first pass. */
export default async function verify(options: { throughUnsealed: boolean }): Promise<VerifyOutcome> {
  if (verifier === undefined) {
    const { store, publicKeyPem } = workerData as VerifyWorkerData;
    const { publicKey, fingerprint } = publicKeyFromPem(publicKeyPem, "the API's seal key");
    verifier = new HistoryVerifier({ store: openEventStoreToRead(store), publicKey, keyFingerprint: fingerprint });
  }
  try {
    return { verdict: await verifier.verify(options) };
  } catch (error) {
    if (!(error instanceof NothingSealed)) throw error;
    return { nothingSealed: true };
  }
}
