import { describeEventStoreContract } from '@hmicfrs/event-store/testing';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  // EventStoreDB cannot be wiped between tests: every subject is a new client on the same server,
  // and the contract's own unique stream names keep runs apart (see docker/README.md).
  describeEventStoreContract('EventStoreDB', async () => {
    const opened: EventStoreDbEventStore[] = [];
    const open = async () => {
      const store = new EventStoreDbEventStore(connectionString);
      opened.push(store);
      return store;
    };
    return {
      store: await open(),
      openAnother: open,
      cleanup: async () => {
        await Promise.all(opened.map((store) => store.close()));
      },
    };
  });
} else {
  // Jest shows neither the name nor the console output of a file whose tests are all skipped:
  // written straight to stdout, the reason is visible in every run, in band or in workers.
  process.stdout.write('EventStoreDB contract suite skipped: EVENTSTORE_CONNECTION_STRING is not set (see docker/README.md)\n');
  it.skip('EventStoreDB contract suite (needs EVENTSTORE_CONNECTION_STRING)', () => undefined);
}
