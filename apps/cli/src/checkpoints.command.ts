import { writeFileSync } from 'node:fs';
import { systemClock } from '@hmicfrs/clock';
import { loadConfig } from '@hmicfrs/config';
import type { EventStore } from '@hmicfrs/event-store';
import { NothingSealed, checkpointExport, storedCheckpoints } from '@hmicfrs/seal';
import { UsageError, type CliCommand } from './cli-command';
import { EXIT, cannotProceed, configuredKey, openStore, parsed } from './seal-cli';

export const checkpointsCommand: CliCommand = {
  name: 'checkpoints',
  summary: 'checkpoints export [--out file] [--store <events.db>]: the signed checkpoints as a small JSON file for the auditors to keep',
  async run(args) {
    const { values, positionals } = parsed(args, { out: { type: 'string' }, store: { type: 'string' } });
    if (positionals[0] !== 'export' || positionals.length > 1)
      throw new UsageError('checkpoints takes one subcommand: export [--out file]');
    const config = loadConfig(process.env);
    let store: EventStore | undefined;
    try {
      const key = configuredKey(config, false);
      store = await openStore(config, { file: values.store, readonly: true });
      const { checkpoints } = await storedCheckpoints(store);
      if (checkpoints.length === 0) throw new NothingSealed();
      const text = `${JSON.stringify(checkpointExport(checkpoints, key, systemClock()), null, 2)}\n`;
      if (values.out === undefined) process.stdout.write(text);
      else {
        writeFileSync(values.out, text);
        const last = checkpoints[checkpoints.length - 1];
        console.error(
          `${checkpoints.length} checkpoints to ${values.out}, the last #${last.sequence} at position ${last.position}; key ${key.fingerprint}`,
        );
      }
      return EXIT.intact;
    } catch (error) {
      const code = cannotProceed(error, 'cannot export');
      if (code === undefined) throw error;
      return code;
    } finally {
      await store?.close();
    }
  },
};
