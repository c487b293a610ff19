import type { RecommendationState } from '@hmicfrs/lifecycle';

/** An item as its events up to `revision` left it, and when the last of them happened in the world. */
export interface FoldedItem {
  state: RecommendationState;
  revision: number;
  lastOccurredAt: string;
}

/**
 * The items this process folded last, so that a command reads only the events recorded since (usually
 * none) instead of replaying the item's whole stream. Events are never rewritten, so a fold up to a
 * revision stays true whoever appends after it. Beyond `capacity` the least recently used go first.
 */
export class RecentItems {
  private readonly items = new Map<string, FoldedItem>();

  constructor(private readonly capacity: number) {}

  get(id: string): FoldedItem | undefined {
    const item = this.items.get(id);
    if (item !== undefined) this.touch(id, item);
    return item;
  }

  /** Keeps `item` unless a later fold of it is already kept (two commands can finish out of order). */
  remember(id: string, item: FoldedItem): void {
    const known = this.items.get(id);
    if (known !== undefined && known.revision >= item.revision) return;
    this.touch(id, item);
    if (this.items.size > this.capacity) this.items.delete(this.items.keys().next().value as string);
  }

  forget(id: string): void {
    this.items.delete(id);
  }

  private touch(id: string, item: FoldedItem): void {
    this.items.delete(id);
    this.items.set(id, item);
  }
}
