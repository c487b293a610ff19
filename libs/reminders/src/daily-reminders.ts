import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, type Clock } from '@hmicfrs/clock';
import { AppConfig } from '@hmicfrs/config';
import { Reminders } from './reminders';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The reminders once a day at REMINDERS_DAILY_AT (UTC), inside the API. Never at start-up, so a restart
 * (or a test) does not remind anyone; `off` leaves it to `npm run cli -- reminders` from a scheduler.
 */
@Injectable()
export class DailyReminders implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Reminders');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly reminders: Reminders,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.REMINDERS_DAILY_AT === 'off') return;
    const wait = untilNext(this.config.REMINDERS_DAILY_AT, this.clock());
    this.logger.log(`Reminders run daily at ${this.config.REMINDERS_DAILY_AT} UTC; next in ${Math.round(wait / 60_000)} minutes`);
    this.schedule(wait);
  }

  beforeApplicationShutdown(): void {
    clearTimeout(this.timer);
  }

  private schedule(wait: number): void {
    this.timer = setTimeout(() => {
      void this.runOnce().finally(() => this.schedule(untilNext(this.config.REMINDERS_DAILY_AT, this.clock())));
    }, wait);
    // A pending reminder never keeps the process alive on its own.
    this.timer.unref();
  }

  private async runOnce(): Promise<void> {
    try {
      const report = await this.reminders.run().run();
      this.logger.log(
        `${report.itemsChecked} items checked: ${report.issued.length} reminders and escalations, ${report.cancelled.length} cancelled`,
      );
    } catch (error) {
      // Tomorrow's run tries again; the failure is the operator's to see now.
      this.logger.error(`The reminders run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
}

/** Milliseconds until the next HH:MM (UTC) after `now`. */
export function untilNext(at: string, now: Date): number {
  const [hours, minutes] = at.split(':').map(Number);
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hours, minutes));
  return next.getTime() > now.getTime() ? next.getTime() - now.getTime() : next.getTime() + DAY_MS - now.getTime();
}
