import type { GlobalPosition } from '@hmicfrs/event-store';

/** How far a rebuild has come, reported after each batch and at each phase. */
export interface RebuildProgress {
  projections: string[];
  phase: 'replaying' | 'indexing' | 'swapping' | 'done';
  events: number;
  /** 0 to 1, by global position: the store has no event count, but positions grow with the log. */
  fraction: number;
  eventsPerSecond: number;
  /** null until there is a rate to go by. */
  secondsLeft: number | null;
}

/** Measures progress through the log between the first position read and the store's head when the rebuild began. */
export class ProgressMeter {
  private readonly started = process.hrtime.bigint();
  private first: GlobalPosition | null = null;
  private events = 0;

  constructor(
    private readonly projections: string[],
    private readonly head: GlobalPosition | null,
  ) {}

  advance(count: number, first: GlobalPosition, last: GlobalPosition): RebuildProgress {
    this.first ??= first;
    this.events += count;
    const span = this.head === null ? 0n : this.head - this.first;
    const fraction = span <= 0n ? 1 : Math.min(1, Number(last - this.first) / Number(span));
    return this.report('replaying', fraction);
  }

  phase(phase: RebuildProgress['phase']): RebuildProgress {
    return this.report(phase, 1);
  }

  private report(phase: RebuildProgress['phase'], fraction: number): RebuildProgress {
    const seconds = Number(process.hrtime.bigint() - this.started) / 1e9;
    const eventsPerSecond = seconds > 0 ? this.events / seconds : 0;
    const secondsLeft = fraction > 0 && phase === 'replaying' ? (seconds * (1 - fraction)) / fraction : phase === 'replaying' ? null : 0;
    return { projections: this.projections, phase, events: this.events, fraction, eventsPerSecond, secondsLeft };
  }
}
