import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, storeKey, type EventStore } from '@hmicfrs/event-store';
import { ReadModelsBehind } from '../errors';
import { Checkpoints } from './checkpoints';
import { ReadModelDatabase } from './read-model-database';

export const FRESHNESS_TIMEOUT_MS = Symbol('FRESHNESS_TIMEOUT_MS');
const POLL_MS = 20;

/**
 * Waits until a projection has applied everything the store held when asked. Reports as known at a date
 * need it: a report left short of recorded events would not be the same when produced again.
 * Works whichever process projects: it only watches the checkpoint.
 */
@Injectable()
export class ReadModelFreshness {
  private readonly checkpoints: Checkpoints;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    database: ReadModelDatabase,
    @Inject(FRESHNESS_TIMEOUT_MS) private readonly timeoutMs: number,
  ) {
    this.checkpoints = new Checkpoints(database.db);
  }

  async waitFor(projection: string): Promise<void> {
    const { position: head } = await this.store.health();
    if (head === null) return;
    const store = storeKey(await this.store.identity());
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const checkpoint = this.checkpoints.read(projection);
      const at = checkpoint?.position ?? null;
      // A position in another store says nothing of this one: wait for the rebuild the projector makes.
      if (at !== null && checkpoint?.store === store && at >= head) return;
      if (Date.now() >= deadline) throw new ReadModelsBehind(projection, at === null ? 'none' : at.toString(), head.toString());
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
