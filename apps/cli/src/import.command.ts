import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '@hmicfrs/clock';
import { loadConfig } from '@hmicfrs/config';
import { openEventStore } from '@hmicfrs/event-store';
import {
  FileTooLarge,
  ImportRejected,
  ImportTooLarge,
  MAX_IMPORT_BYTES,
  NotARegisterFile,
  RegisterImporter,
  importLimitsOf,
} from '@hmicfrs/import';
import { personId } from '@hmicfrs/lifecycle';
import { RecommendationWorkflow } from '@hmicfrs/workflow';
import { UsageError, type CliCommand } from './cli-command';
import { importReportText, problemLines } from './import-report-text';
import { progressBar } from './progress-bar';

/** Below this many rows an import is over before a bar would be read. */
const PROGRESS_FROM_ROWS = 200;

export const importCommand: CliCommand = {
  name: 'import',
  summary:
    "import <file.csv|file.xlsx> --by <liaison officer's user id> [--dry-run] [--skip-invalid]: bring a register in, one row per item (see README)",
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        by: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'skip-invalid': { type: 'boolean', default: false },
      },
    });
    if (positionals.length !== 1)
      throw new UsageError('import needs exactly one file, e.g. `npm run cli -- import docs/sample-register.csv`');
    // Every event an import writes names who ran it: the CLI is told, as the API knows it from the sign-in.
    if (!values.by) throw new UsageError('import needs --by <user id>: the liaison officer who runs it, recorded on every event it writes');
    const [path] = positionals;
    const size = statSync(path).size;
    const config = loadConfig(process.env);
    const store = await openEventStore({ dataDir: config.DATA_DIR, connectionString: config.EVENTSTORE_CONNECTION_STRING });
    try {
      if (size > MAX_IMPORT_BYTES) throw new FileTooLarge(size, MAX_IMPORT_BYTES);
      const importer = new RegisterImporter(
        new RecommendationWorkflow(store, systemClock),
        store,
        systemClock,
        MAX_IMPORT_BYTES,
        importLimitsOf(config),
      );
      const bar = progressBar('Importing');
      const report = await importer.import(
        { name: basename(path), bytes: readFileSync(path) },
        {
          by: { userId: personId(values.by), role: 'liaison' },
          dryRun: values['dry-run'],
          skipInvalid: values['skip-invalid'],
          onProgress: (done, total) => total >= PROGRESS_FROM_ROWS && bar(done, total),
        },
      );
      console.log(importReportText(report));
      return 0;
    } catch (error) {
      if (error instanceof ImportRejected) {
        console.error([error.message, ...problemLines(error.report.problems, error.report.problemCount)].join('\n'));
        return 1;
      }
      if (error instanceof ImportTooLarge) {
        console.error(error.message);
        return 1;
      }
      if (error instanceof NotARegisterFile || error instanceof FileTooLarge) {
        console.error(`${error.message} Nothing was imported.`);
        return 1;
      }
      throw error;
    } finally {
      await store.close();
    }
  },
};
