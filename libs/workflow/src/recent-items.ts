import type { RecommendationState } from '@hmicfrs/lifecycle';

/** A stream as its events up to `revision` left it, and when the last of them happened in the world. */
export interface Folded<State> {
  state: State;
  revision: number;
  lastOccurredAt: string;
}

export type FoldedItem = Folded<RecommendationState>;

/**
 * The items this process folded last, so that a command reads only the events recorded since (usually
 * none) instead of replaying the item's whole stream. Events are never rewritten, so a fold up to a
 * revision stays true whoever appends after it. Beyond `capacity` the least recently used go first.
 */
export class RecentItems<State = RecommendationState> {
  private readonly items = new Map<string, Folded<State>>();

  constructor(private readonly capacity: number) {}

  get(id: string): Folded<State> | undefined {
    const item = this.items.get(id);
    if (item !== undefined) this.touch(id, item);
    return item;
  }

  /** Keeps `item` unless a later fold of it is already kept (two commands can finish out of order). */
  remember(id: string, item: Folded<State>): void {
    const known = this.items.get(id);
    if (known !== undefined && known.revision >= item.revision) return;
    this.touch(id, item);
    if (this.items.size > this.capacity) this.items.delete(this.items.keys().next().value as string);
  }

  forget(id: string): void {
    this.items.delete(id);
  }

  private touch(id: string, item: Folded<State>): void {
    this.items.delete(id);
    this.items.set(id, item);
  }
}
