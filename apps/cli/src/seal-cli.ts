import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { AppConfig } from '@hmicfrs/config';
import { EventStoreUnavailable, SqliteEventStore, openEventStore, type EventStore } from '@hmicfrs/event-store';
import { CheckpointUnreadable, LOCAL_KEY_FILE, NothingSealed, SealKeyProblem, loadSealKey, type SealKey } from '@hmicfrs/seal';
import { UsageError } from './cli-command';

/** Exit codes of `verify`, `seal` and `checkpoints` (README, "Checking the history"). */
export const EXIT = { intact: 0, altered: 1, usage: 2, cannotVerify: 3, evidenceBroken: 4 } as const;

/** parseArgs, with its complaints (unknown option, missing value) as usage errors rather than stack traces. */
export function parsed<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * The store to seal or export from: the configured one. With `readonly`, SQLite is opened read-only
 * and never created (an auditor's copy, or `--store`).
 */
export async function openStore(config: AppConfig, options: { file?: string; readonly: boolean }): Promise<EventStore> {
  if (options.file !== undefined) return SqliteEventStore.open(options.file, { readonly: true });
  if (options.readonly && !config.EVENTSTORE_CONNECTION_STRING) {
    const file = join(config.DATA_DIR, 'events.db');
    if (!existsSync(file)) throw new EventStoreUnavailable(`there is no store at ${file} (set DATA_DIR, or give --store <file>)`);
    return SqliteEventStore.open(file, { readonly: true });
  }
  return openEventStore({ dataDir: config.DATA_DIR, connectionString: config.EVENTSTORE_CONNECTION_STRING });
}

/** The configured signing key; with `mayCreate: false`, a missing local key is an error rather than made. */
export function configuredKey(config: AppConfig, mayCreate: boolean): SealKey {
  const configured = config.SEAL_PRIVATE_KEY || config.SEAL_PRIVATE_KEY_FILE;
  if (!configured && !mayCreate && !existsSync(join(config.DATA_DIR, LOCAL_KEY_FILE))) {
    throw new SealKeyProblem('no public key to verify with: give --public-key <file> (the key the auditors were given)');
  }
  return loadSealKey({ pem: config.SEAL_PRIVATE_KEY, file: config.SEAL_PRIVATE_KEY_FILE, dataDir: config.DATA_DIR }, (message) =>
    console.error(`warning: ${message}`),
  );
}

/** Input the command cannot work with: one line on stderr and exit code 3, never a stack trace. */
export function cannotProceed(error: unknown, what = 'cannot verify'): number | undefined {
  if (
    error instanceof SealKeyProblem ||
    error instanceof CheckpointUnreadable ||
    error instanceof NothingSealed ||
    error instanceof EventStoreUnavailable
  ) {
    console.error(`${what}: ${error.message}`);
    return EXIT.cannotVerify;
  }
  return undefined;
}
