import { createServer } from 'node:net';
import { EventStoreUnavailable, InvalidAppend, InvalidStreamName } from '../errors';
import { commandOf } from '../testing/new-event';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/** A local port that was free a moment ago, so connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return port;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** Runs without a server: what the adapter says when EventStoreDB cannot be reached or the input is wrong. */
describe('EventStoreDbEventStore without a server', () => {
  let store: EventStoreDbEventStore;

  beforeEach(async () => {
    store = new EventStoreDbEventStore(`esdb://127.0.0.1:${await closedPort()}?tls=false&defaultDeadline=2000`);
  });

  afterEach(() => store.close());

  it('reports an unreachable server as EventStoreUnavailable from every operation', async () => {
    await expect(store.append('recommendation-1', commandOf(1), 'no_stream')).rejects.toBeInstanceOf(EventStoreUnavailable);
    await expect(store.readStream('recommendation-1')).rejects.toBeInstanceOf(EventStoreUnavailable);
    await expect(collect(store.readAll())).rejects.toBeInstanceOf(EventStoreUnavailable);
    await expect(collect(store.streamIds())).rejects.toBeInstanceOf(EventStoreUnavailable);
    await expect(store.health()).rejects.toBeInstanceOf(EventStoreUnavailable);
    await expect(collect(store.subscribeToAll())).rejects.toBeInstanceOf(EventStoreUnavailable);
  });

  it('refuses bad input before going to the server', async () => {
    await expect(store.append('Recommendation 1', commandOf(1), 'any')).rejects.toBeInstanceOf(InvalidStreamName);
    await expect(store.append('recommendation-1', [], 'any')).rejects.toBeInstanceOf(InvalidAppend);
    await expect(store.append('recommendation-1', commandOf(1), -1)).rejects.toBeInstanceOf(InvalidAppend);
  });

  it('refuses everything once closed', async () => {
    await store.close();
    await expect(store.readStream('recommendation-1')).rejects.toThrow(/closed/);
  });
});

describe('EventStoreDbEventStore connection strings', () => {
  it('refuses one the client cannot parse, without repeating its credentials', () => {
    // Without the @, the client reads the password as a port number and quotes it in its error.
    const attempt = () => new EventStoreDbEventStore('esdb://admin:s3cret');
    expect(attempt).toThrow(EventStoreUnavailable);
    expect(attempt).toThrow(/position 13, expected port number/);
    expect(attempt).not.toThrow(/s3cret/);
  });
});
