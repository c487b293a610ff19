import { systemClock } from '@hmicfrs/clock';
import { loadConfig } from '@hmicfrs/config';
import type { EventStore } from '@hmicfrs/event-store';
import { Sealer, short } from '@hmicfrs/seal';
import type { CliCommand } from './cli-command';
import { EXIT, cannotProceed, configuredKey, openStore, parsed } from './seal-cli';

export const sealCommand: CliCommand = {
  name: 'seal',
  summary:
    'seal [--public-key]: write signed checkpoints over every event not yet sealed; --public-key prints the public key and its fingerprint',
  async run(args) {
    const { values } = parsed(args, { 'public-key': { type: 'boolean', default: false } });
    const config = loadConfig(process.env);
    let store: EventStore | undefined;
    try {
      const key = configuredKey(config, true);
      if (values['public-key']) {
        process.stdout.write(key.publicKeyPem);
        console.log(`fingerprint ${key.fingerprint}`);
        return EXIT.intact;
      }
      store = await openStore(config, { readonly: false });
      const { written, latest } = await new Sealer(store, key, systemClock, { maxEventsPerCheckpoint: config.SEAL_EVERY_EVENTS }).seal();
      for (const checkpoint of written) {
        console.log(
          `checkpoint #${checkpoint.sequence}: ${checkpoint.rangeCount} events to position ${checkpoint.position} (${checkpoint.count} in all), root ${short(checkpoint.root)}`,
        );
      }
      if (latest === null) console.log('The store is empty: nothing to seal.');
      else if (written.length === 0)
        console.log(`Nothing new to seal: checkpoint #${latest.sequence} covers every event (position ${latest.position}).`);
      return EXIT.intact;
    } catch (error) {
      const code = cannotProceed(error, 'cannot seal');
      if (code === undefined) throw error;
      return code;
    } finally {
      await store?.close();
    }
  },
};
