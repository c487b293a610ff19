import type { ItemRecord } from './item-record';
import type { RegisterStatements } from './register-statements';

/** Changes to the counts per kind × level × status, per RAG and per addressee, summed in memory and written at once. */
export class CountsTally {
  private readonly counts = new Map<string, number>();
  private readonly rags = new Map<string, number>();
  private readonly addressees = new Map<string, number>();

  /** An item went from `before` (none: it was just opened) to `after`. */
  moved(before: ItemRecord | undefined, after: ItemRecord): void {
    // Whom an item is addressed to is recorded when it is opened and never changes.
    if (before === undefined) this.addressees.set(after.addressee, (this.addressees.get(after.addressee) ?? 0) + 1);
    if (before !== undefined && sameCounts(before, after)) return;
    if (before !== undefined) this.add(before, -1);
    this.add(after, 1);
  }

  write(s: RegisterStatements): void {
    for (const [key, delta] of this.counts) {
      if (delta === 0) continue;
      const [kind, level, status] = key.split('|');
      s.addCount.run(kind, Number(level), status, delta);
    }
    for (const [rag, delta] of this.rags) if (delta !== 0) s.addRag.run(rag, delta);
    for (const [addressee, opened] of this.addressees) s.addAddressee.run(addressee, opened);
    s.dropEmptyCounts.run();
    s.dropEmptyRags.run();
    this.counts.clear();
    this.rags.clear();
    this.addressees.clear();
  }

  private add(record: ItemRecord, delta: number): void {
    const key = `${record.kind}|${record.lifecycle.level}|${record.lifecycle.status}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + delta);
    if (!record.lifecycle.inProgress) return;
    const rag = record.rag ?? 'unrated';
    this.rags.set(rag, (this.rags.get(rag) ?? 0) + delta);
  }
}

/** Whether the counts see the item as they did; most events leave it so. */
function sameCounts(a: ItemRecord, b: ItemRecord): boolean {
  if (a.kind !== b.kind || a.lifecycle.level !== b.lifecycle.level || a.lifecycle.status !== b.lifecycle.status) return false;
  const inProgress = a.lifecycle.inProgress;
  return inProgress === b.lifecycle.inProgress && (!inProgress || a.rag === b.rag);
}
