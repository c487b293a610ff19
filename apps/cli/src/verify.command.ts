import { loadConfig } from '@hmicfrs/config';
import { openEventStore, verifyStore } from '@hmicfrs/event-store';
import type { CliCommand } from './cli-command';

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: "verify: check every stream's hash chain and name the first broken link of each",
  async run() {
    const config = loadConfig(process.env);
    const store = await openEventStore({ dataDir: config.DATA_DIR, connectionString: config.EVENTSTORE_CONNECTION_STRING });
    try {
      const verdict = await verifyStore(store);
      for (const broken of verdict.broken) {
        console.log(`BROKEN ${broken.streamId} at revision ${broken.brokenAt} (event ${broken.eventId}): ${broken.reason}`);
      }
      const summary = `${verdict.streams} streams, ${verdict.events} events checked`;
      console.log(verdict.broken.length === 0 ? `OK: ${summary}; every hash chain holds.` : `${verdict.broken.length} broken of ${summary}.`);
      return verdict.broken.length === 0 ? 0 : 1;
    } finally {
      await store.close();
    }
  },
};
