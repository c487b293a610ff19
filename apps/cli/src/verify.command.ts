import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadConfig } from '@hmicfrs/config';
import { EventStoreError, EventStoreUnavailable, type EventStore } from '@hmicfrs/event-store';
import { FilesystemEvidenceStore, describeEvidenceProblem, verifyEvidence } from '@hmicfrs/evidence';
import { publicKeyFromPem, readCheckpointExport, readPublicKey, short, verifyHistory, type SignedCheckpoint } from '@hmicfrs/seal';
import type { CliCommand } from './cli-command';
import { EXIT, cannotProceed, configuredKey, openStore, parsed } from './seal-cli';

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary:
    'verify [--store <events.db>] [--checkpoints <export.json>] [--public-key <key.pem>] [--evidence <dir>]: recompute the history and hold it to the signed checkpoints, and rehash every evidence document; exit 0 intact, 1 history altered, 3 cannot verify, 4 documents missing or altered',
  async run(args) {
    const { values } = parsed(args, {
      store: { type: 'string' },
      checkpoints: { type: 'string' },
      'public-key': { type: 'string' },
      evidence: { type: 'string' },
    });
    const config = loadConfig(process.env);
    let store: EventStore | undefined;
    try {
      const exported = values.checkpoints === undefined ? undefined : readCheckpointExport(values.checkpoints);
      const key =
        values['public-key'] !== undefined
          ? readPublicKey(values['public-key'])
          : exported !== undefined
            ? exportKey(exported.publicKey, values.checkpoints!)
            : configuredKey(config, false);
      try {
        store = await openStore(config, { file: values.store, readonly: true });
      } catch (error) {
        // A file that is there but cannot be opened as a store is itself an alteration (truncated, overwritten).
        if (!(error instanceof EventStoreUnavailable) || values.store === undefined || !existsSync(values.store)) throw error;
        console.log(`ALTERED store-damaged: ${values.store} is not a readable store (truncated or corrupt): ${error.message}`);
        return EXIT.altered;
      }
      const verdict = await verifyHistory({
        store,
        publicKey: key.publicKey,
        keyFingerprint: key.fingerprint,
        exported: exported?.checkpoints,
      });
      for (const finding of verdict.findings) console.log(`ALTERED ${finding.kind}: ${finding.message}`);
      const sealed = verdict.sealedThrough;
      const against = `${verdict.checkpointsFrom === 'export' ? 'the exported' : "the store's own"} checkpoints, key ${short(key.fingerprint)}`;
      if (sealed !== null && verdict.unsealed > 0) {
        console.log(
          `NOT YET SEALED: ${verdict.unsealed} events after position ${sealed.position} (checkpoint #${sealed.sequence}); not a failure.`,
        );
      }
      const summary = `${verdict.events} events in ${verdict.streams} streams checked against ${against}`;
      // The documents beside the copied store (DATA_DIR/evidence), unless told where the copy of them is.
      const evidenceDir = values.evidence ?? join(values.store === undefined ? config.DATA_DIR : dirname(values.store), 'evidence');
      const documents = await checkEvidence(store, evidenceDir);
      if (verdict.findings.length > 0) {
        console.log(`${verdict.findings.length} alteration${verdict.findings.length === 1 ? '' : 's'} found: ${summary}.`);
        return EXIT.altered;
      }
      console.log(`OK: ${summary}; sealed through ${describe(sealed!)}; every hash, chain, root and signature holds.`);
      return documents ? EXIT.intact : EXIT.evidenceBroken;
    } catch (error) {
      const code = cannotProceed(error);
      if (code === undefined) throw error;
      return code;
    } finally {
      await store?.close();
    }
  },
};

/**
 * Every stored document the history names, rehashed from the evidence directory: one `EVIDENCE <missing|altered>`
 * line each, naming the item and the document. False when any is missing or altered.
 */
async function checkEvidence(store: EventStore, dir: string): Promise<boolean> {
  try {
    const { checked, problems } = await verifyEvidence(store.readAll(), new FilesystemEvidenceStore(dir));
    for (const problem of problems) console.log(`EVIDENCE ${describeEvidenceProblem(problem)}`);
    console.log(
      problems.length === 0
        ? `EVIDENCE OK: ${checked} document${checked === 1 ? '' : 's'} in ${dir}, each hashing to what its event says.`
        : `EVIDENCE: ${problems.length} of ${checked} documents missing or altered in ${dir}.`,
    );
    return problems.length === 0;
  } catch (error) {
    // A store that cannot be read to the end is already named as store-damaged; the documents cannot be listed.
    if (!(error instanceof EventStoreError) && !(error instanceof SyntaxError)) throw error;
    console.log(`EVIDENCE NOT CHECKED: the store cannot be read to list its documents`);
    return false;
  }
}

function exportKey(pem: string, file: string) {
  const key = publicKeyFromPem(pem, file);
  console.error(
    `warning: no --public-key given: using the key written in ${file} itself (fingerprint ${key.fingerprint}). ` +
      'Compare it with the fingerprint you were given; a file anyone could rewrite proves nothing on its own.',
  );
  return key;
}

function describe(checkpoint: SignedCheckpoint): string {
  return `checkpoint #${checkpoint.sequence} (position ${checkpoint.position}, ${checkpoint.count} events, root ${short(checkpoint.root)}, sealed ${checkpoint.sealedAt})`;
}
