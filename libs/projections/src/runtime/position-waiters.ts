import type { GlobalPosition } from '@hmicfrs/event-store';

interface Waiter {
  position: GlobalPosition;
  resolve(reached: boolean): void;
  timer: NodeJS.Timeout;
}

/**
 * Callers waiting for the read models to pass a store position, each answered once: true when a commit
 * reaches it (`reached`), false when its time is up (`expire`). At most `capacity` wait at once; past
 * that a caller is answered false straight away, so a flood of readers cannot hold memory or timers.
 */
export class PositionWaiters {
  private waiters: Waiter[] = [];

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.waiters.length;
  }

  /** Resolves true once `reached` is called with `position` or later, or with what `onTimeout` says after `timeoutMs`. */
  wait(position: GlobalPosition, timeoutMs: number, onTimeout: () => boolean): Promise<boolean> {
    if (this.waiters.length >= this.capacity) return Promise.resolve(onTimeout());
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((other) => other !== waiter);
          resolve(onTimeout());
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** The read models now stand at `position`: every caller waiting for it or earlier is answered true. */
  reached(position: GlobalPosition): void {
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.position <= position) {
        clearTimeout(waiter.timer);
        waiter.resolve(true);
      } else {
        still.push(waiter);
      }
    }
    this.waiters = still;
  }

  /** Answers every caller now with what `answer` says (the projector is stopping). */
  releaseAll(answer: (position: GlobalPosition) => boolean): void {
    const all = this.waiters;
    this.waiters = [];
    for (const waiter of all) {
      clearTimeout(waiter.timer);
      waiter.resolve(answer(waiter.position));
    }
  }
}
