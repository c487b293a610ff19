import { setImmediate } from 'node:timers/promises';
import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type AllSubscription, type EventStore } from '@hmicfrs/event-store';
import { SEAL_STREAM, short } from './checkpoint';
import { HistoryWatch } from './history-watch';
import { Sealer } from './sealer';

export interface SealScheduleOptions {
  /** Seal once this many events are unsealed. */
  everyEvents: number;
  /** And at least this often while any are (minutes; 0: only by count). */
  everyMinutes: number;
}

export const SEAL_SCHEDULE_OPTIONS = Symbol('SEAL_SCHEDULE_OPTIONS');

/** Events followed between turns of the request thread (a few milliseconds of reading whole events). */
const EVENTS_PER_TURN = 500;

/** What the running API knows of its seal, for `/health`. */
export interface SealStatus {
  keyFingerprint: string;
  lastSealedPosition: string | null;
  lastSealedAt: string | null;
  lastSequence: number | null;
  /** The last time sealing failed, and why; null when the last attempt succeeded. */
  failing: string | null;
}

/**
 * The API's sealer: follows the global order, counts events not yet sealed, and seals every N of them or
 * every T minutes while any wait. Sealing reads the store again from the last checkpoint, so a
 * checkpoint written meanwhile by `cli seal` is simply the new starting point.
 */
@Injectable()
export class SealSchedule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Sealer');
  private subscription?: AllSubscription;
  private following?: Promise<void>;
  private timer?: NodeJS.Timeout;
  /** Positions of the events delivered and not yet covered by a checkpoint (at most a few times SEAL_EVERY_EVENTS). */
  private unsealed: bigint[] = [];
  private sealedThrough = -1n;
  private sealing?: Promise<void>;
  private readonly state: SealStatus;

  constructor(
    private readonly sealer: Sealer,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SEAL_SCHEDULE_OPTIONS) private readonly options: SealScheduleOptions,
    @Optional() private readonly watch?: HistoryWatch,
  ) {
    this.state = { keyFingerprint: sealer.keyFingerprint, lastSealedPosition: null, lastSealedAt: null, lastSequence: null, failing: null };
  }

  status(): SealStatus {
    return { ...this.state };
  }

  async onApplicationBootstrap(): Promise<void> {
    const latest = await this.sealer.latest();
    this.note(latest);
    this.subscription = this.store.subscribeToAll(latest ? { after: BigInt(latest.position) } : {});
    this.following = this.follow(this.subscription);
    if (this.options.everyMinutes > 0) {
      this.timer = setInterval(() => {
        if (this.unsealed.length > 0) void this.sealNow();
      }, this.options.everyMinutes * 60_000);
      this.timer.unref();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.subscription?.close();
    await this.following;
    await this.sealing;
  }

  /** Seals what waits now (one at a time); failures are logged and kept for `/health`, never thrown. */
  sealNow(): Promise<void> {
    this.sealing ??= this.sealer
      .seal()
      .then(({ written, latest }) => {
        this.note(latest);
        const through = this.sealedThrough;
        this.unsealed = this.unsealed.filter((position) => position > through);
        this.state.failing = null;
        for (const checkpoint of written) {
          this.logger.log(
            `Checkpoint #${checkpoint.sequence}: ${checkpoint.count} events to position ${checkpoint.position}, root ${short(checkpoint.root)}`,
          );
        }
      })
      .catch((error: unknown) => {
        this.state.failing = error instanceof Error ? error.message : String(error);
        this.logger.error(`Sealing failed: ${this.state.failing}`);
      })
      .finally(() => {
        this.sealing = undefined;
      });
    return this.sealing;
  }

  private note(latest: { position: string; sealedAt: string; sequence: number } | null): void {
    if (!latest) return;
    this.sealedThrough = BigInt(latest.position);
    Object.assign(this.state, { lastSealedPosition: latest.position, lastSealedAt: latest.sealedAt, lastSequence: latest.sequence });
  }

  private async follow(subscription: AllSubscription): Promise<void> {
    let followed = 0;
    try {
      for await (const event of subscription) {
        // Catching up on a long backlog delivers it all without once letting a request in: let them in every few hundred.
        if ((followed += 1) % EVENTS_PER_TURN === 0) await setImmediate();
        // A checkpoint (this sealer's or `cli seal`'s): the watch verifies the range it covers.
        if (event.streamId === SEAL_STREAM) void this.watch?.checkpointed();
        if (event.streamId === SEAL_STREAM || event.position <= this.sealedThrough) continue;
        this.unsealed.push(event.position);
        if (this.unsealed.length >= this.options.everyEvents) void this.sealNow();
      }
    } catch (error) {
      this.state.failing = `stopped following the store: ${error instanceof Error ? error.message : String(error)}`;
      this.logger.error(this.state.failing);
    }
  }
}
