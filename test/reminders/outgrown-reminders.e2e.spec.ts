import { Logger } from '@nestjs/common';
import type { AppConfig } from '@hmicfrs/config';
import { EventStoreDbEventStore } from '@hmicfrs/event-store';
import { newEvent } from '@hmicfrs/event-store/testing';
import { FakeEventStoreDb, type FakeFailureKind } from '../../libs/event-store/src/eventstoredb/testing/fake-eventstoredb';
import { OutgrownReminders } from '../../libs/reminders/src/outgrown-reminders';
import type { Reminders } from '../../libs/reminders/src/reminders';

/**
 * The follower that cancels reminders an item has outgrown, on EventStoreDB (the fake, which drops
 * subscriptions with the client's own errors, as a restart or a leader change does): after every drop
 * it resubscribes after the last event it handled, so every change still cancels, and none twice.
 */
describe('outgrown reminders over a cluster that drops subscriptions', () => {
  let server: FakeEventStoreDb;
  let store: EventStoreDbEventStore;
  let follower: OutgrownReminders;
  let handled: string[];
  let warnings: string[];

  beforeEach(() => {
    server = new FakeEventStoreDb();
    store = new EventStoreDbEventStore(server.client());
    handled = [];
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const reminders = {
      run: () => ({
        cancelOutgrownFor: async (itemId: string) => {
          handled.push(itemId);
          return [{ id: `${itemId}:overdue:2024-07-01`, reason: 'the item is now owned by someone else' }];
        },
      }),
    } as unknown as Reminders;
    follower = new OutgrownReminders({ REMINDERS_DAILY_AT: '07:00' } as AppConfig, reminders, store);
  });
  afterEach(async () => {
    await follower.beforeApplicationShutdown();
    await store.close();
    jest.restoreAllMocks();
  });

  const reassign = (...items: string[]) =>
    Promise.all(
      items.map((item) => store.append(`recommendation-${item}`, [newEvent('OwnerAssigned', { owner: 'ch-insp-jones' })], 'any')),
    );
  const handledAll = async (count: number) => {
    const deadline = Date.now() + 10_000;
    while (handled.length < count) {
      if (Date.now() > deadline) throw new Error(`handled ${handled.join(', ')}, waiting for ${count}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it.each<FakeFailureKind>(['unavailable', 'cancelled', 'not-leader'])(
    'dropped with the client’s %s error: reminders keep being cancelled, each change once',
    async (kind) => {
      await reassign('BEFORE');
      await follower.onApplicationBootstrap();
      await reassign('A', 'B');
      await handledAll(2);

      server.dropSubscriptions(kind);
      await reassign('C', 'D');
      await handledAll(4);
      server.dropSubscriptions(kind);
      server.dropSubscriptions(kind);
      await reassign('E');
      await handledAll(5);
      // Time for a duplicate to show, were there one.
      await new Promise((resolve) => setTimeout(resolve, 300));

      // From the head at start: the change before it is the daily run's.
      expect([...handled].sort()).toEqual(['A', 'B', 'C', 'D', 'E']);
      expect(warnings.some((warning) => warning.startsWith('Following changes for reminders: The event store is unavailable'))).toBe(true);
    },
  );
});
