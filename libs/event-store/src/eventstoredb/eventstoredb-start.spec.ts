import { EventStoreAccessDenied, EventStoreUnavailable } from '../errors';
import { commandOf } from '../testing/new-event';
import { checkConnectionSettings, userOf } from './connection-settings';
import { allReadRefused } from './esdb-errors';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { FakeEventStoreDb } from './testing/fake-eventstoredb';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** What an operator is told at start, before the first command: settings refused, `$all` refused. */
describe('EventStoreDB adapter at start', () => {
  describe('a user who may not read $all', () => {
    it('is refused at start with what to grant, naming the user and not the password', async () => {
      const server = new FakeEventStoreDb();
      server.inject('readAll', { error: 'access-denied' });

      const failure = await EventStoreDbEventStore.open(server.client(), { warn: () => undefined }).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(EventStoreAccessDenied);
      expect(failure).toBeInstanceOf(EventStoreUnavailable);
      const message = (failure as Error).message;
      expect(message).toMatch(/refused the connection's user read access to \$all/);
      expect(message).toMatch(/\$admins/);
      expect(message).toMatch(/\$\$\$all/);
      expect(message).not.toMatch(/\n\s+at /);
    });

    it('names the user of a connection string, never its password', () => {
      const message = allReadRefused(new Error('denied'), { user: userOf('esdb://ops:s3cret@node1:2113,node2:2113?tls=true') }).message;
      expect(message).toContain('the user "ops"');
      expect(message).not.toContain('s3cret');
      expect(allReadRefused(new Error('denied'), { user: userOf('esdb://node1:2113?tls=true') }).message).toContain(
        'a connection without credentials',
      );
      expect(allReadRefused(Object.assign(new Error('bad login'), { code: 16 }), { user: 'ops' }).message).toMatch(
        /did not accept the credentials/,
      );
    });

    it('says the same later, from reads, the stream listing, health and subscriptions', async () => {
      const server = new FakeEventStoreDb();
      const store = await EventStoreDbEventStore.open(server.client());
      await store.append('recommendation-1', commandOf(1), 'no_stream');
      server.inject('readAll', { error: 'access-denied', times: 3 });
      server.inject('subscribeToAll', { error: 'access-denied' });

      await expect(collect(store.readAll())).rejects.toBeInstanceOf(EventStoreAccessDenied);
      await expect(collect(store.streamIds())).rejects.toThrow(/read access to \$all/);
      await expect(store.health()).rejects.toBeInstanceOf(EventStoreAccessDenied);
      // The catch-up reads succeed; going live is refused.
      await expect(collect(store.subscribeToAll())).rejects.toBeInstanceOf(EventStoreAccessDenied);
      await store.close();
    });

    it('starts with a warning, not a failure, when the server does not answer yet', async () => {
      const server = new FakeEventStoreDb();
      server.inject('readAll', { error: 'unavailable' });
      const warnings: string[] = [];

      const store = await EventStoreDbEventStore.open(server.client(), { warn: (message) => warnings.push(message) });

      expect(warnings).toEqual([expect.stringMatching(/does not answer yet/)]);
      await store.append('recommendation-1', commandOf(1), 'no_stream');
      await store.close();
    });
  });

  describe('connection settings', () => {
    it.each([
      ['esdb://node1:2113?tls=true&throwOnAppendFailure=false', /throwOnAppendFailure=false is not supported/],
      ['esdb://node1:2113?tls=true&tlsVerifyCert=false', /tlsVerifyCert=false has no effect .* tlsCAFile=/],
      ['esdb://node1:2113?TLS_VERIFY_CERT=false', /tlsVerifyCert=false has no effect/],
      ['esdb://node1:2113?tls=true&nodePrefrence=leader', /"nodePrefrence" is not an option/],
    ])('refuses %s at start, with the reason', (connectionString, reason) => {
      const attempt = () => new EventStoreDbEventStore(connectionString);
      expect(attempt).toThrow(EventStoreUnavailable);
      expect(attempt).toThrow(reason);
      expect(attempt).toThrow(/EVENTSTORE_CONNECTION_STRING is refused/);
    });

    it('accepts a secure cluster: credentials, discovery, leader preference, a CA file', () => {
      const check = checkConnectionSettings(
        'esdb+discover://ops:s3cret@cluster.internal:2113?tls=true&tlsCAFile=/etc/esdb/ca.crt&nodePreference=leader&defaultDeadline=10000',
      );
      expect(check).toEqual({ refusals: [], warnings: [] });
    });

    it('is loud about what is for local use only, and about reads from followers', () => {
      expect(checkConnectionSettings('esdb://localhost:2113?tls=false').warnings).toEqual([
        expect.stringMatching(/TLS is off .* Only for a server on this machine/),
      ]);
      expect(checkConnectionSettings('esdb://node1:2113?nodePreference=follower').warnings).toEqual([
        expect.stringMatching(/nodePreference=follower: reads that decide commands ask for the leader/),
      ]);
    });

    it('passes the warnings to the one who opens the store', async () => {
      const warnings: string[] = [];
      const store = await EventStoreDbEventStore.open('esdb://127.0.0.1:1?tls=false&defaultDeadline=500&maxDiscoverAttempts=1', {
        warn: (message) => warnings.push(message),
      });
      expect(warnings[0]).toMatch(/TLS is off/);
      await store.close();
    });
  });
});
