import { systemClock } from '@hmicfrs/clock';
import { loadConfig } from '@hmicfrs/config';
import { openEventStore } from '@hmicfrs/event-store';
import { describeEvidenceProblem, evidenceStoreIn, findOrphans, megabytes, removeOrphan, verifyEvidence } from '@hmicfrs/evidence';
import { UsageError, type CliCommand } from './cli-command';

/** An upload between keeping its file and writing its event is younger than this: its file is never collected. */
const GRACE_MS = 60 * 60 * 1000;

const USAGE = 'evidence gc [--dry-run] | evidence verify';

/**
 * `evidence gc`: the files in DATA_DIR/evidence that no event names (an upload whose event was never
 * written) and interrupted uploads' temporary files, older than an hour: listed, and removed unless
 * `--dry-run`. A file any event names, a removed piece of evidence's too, is never removed.
 * `evidence verify`: every document the history names is there and hashes to what its event says.
 */
export const evidenceCommand: CliCommand = {
  name: 'evidence',
  summary: `${USAGE}: remove evidence files no event names (list them with --dry-run); check every document still hashes to its event`,
  async run(args) {
    const [action, ...options] = args;
    if (action !== 'gc' && action !== 'verify') throw new UsageError(`Usage: npm run cli -- ${USAGE}`);
    const unknown = options.filter((option) => !(action === 'gc' && option === '--dry-run'));
    if (unknown.length > 0) throw new UsageError(`Unknown option ${unknown.join(' ')}. Usage: npm run cli -- ${USAGE}`);
    const config = loadConfig(process.env);
    const events = await openEventStore({ dataDir: config.DATA_DIR, connectionString: config.EVENTSTORE_CONNECTION_STRING });
    const store = evidenceStoreIn(config.DATA_DIR);
    try {
      if (action === 'verify') {
        const verdict = await verifyEvidence(events.readAll(), store);
        for (const problem of verdict.problems) console.log(`BROKEN ${describeEvidenceProblem(problem)}`);
        console.log(
          verdict.problems.length === 0
            ? `OK: ${verdict.checked} documents checked; every one hashes to its event.`
            : `${verdict.problems.length} of ${verdict.checked} documents missing or altered.`,
        );
        return verdict.problems.length === 0 ? 0 : 1;
      }
      const dryRun = options.includes('--dry-run');
      // The files' times are the filesystem's, so the grace is measured on the machine's clock.
      const orphans = await findOrphans(events.readAll(), store, systemClock(), GRACE_MS);
      for (const orphan of orphans) {
        console.log(
          `${dryRun ? 'would remove' : 'removed'} ${orphan.kind === 'document' ? 'unreferenced document' : 'interrupted upload'} ${orphan.id} (${megabytes(orphan.size)}, ${orphan.modifiedAt.toISOString()})`,
        );
        if (!dryRun) await removeOrphan(store, orphan);
      }
      const total = orphans.reduce((sum, orphan) => sum + orphan.size, 0);
      console.log(
        `${orphans.length} ${orphans.length === 1 ? 'file' : 'files'} (${megabytes(total)}) ${dryRun ? 'would be removed (dry run: nothing removed)' : 'removed'}.`,
      );
      return 0;
    } finally {
      await events.close();
    }
  },
};
