import type { Database } from 'better-sqlite3';
import { isRecommendationEvent, type InspectionReportRecorded, type RecommendationEvent } from '@hmicfrs/lifecycle';
import type { ProjectedEvent } from '../projected-event';
import type { ReadModelBatch, ReadModelWriter, TableName, WriterMode } from '../runtime/projection';
import { CountsTally } from './counts-tally';
import { changesReports, evolveItem } from './evolve-item';
import type { ItemRecord } from './item-record';
import { fromRow, NO_NEXT_VERSION, toRow, type RegisterRow } from './register-rows';
import { naturalKey } from '../search/search-text';
import { NEXT_OCCURRED, NEXT_RECORDED, registerStatements, type RegisterStatements } from './register-statements';

/**
 * What the writer holds of an item between its events: its record; its latest version, not written yet
 * because the time of the next one is not known; and the rowid of the latest version already written.
 */
interface HeldItem {
  record: ItemRecord;
  latest: unknown[] | null;
  writtenVersion: number | null;
}

/**
 * Live, each batch writes every item it touched. A rebuild holds items from batch to batch (up to
 * `rebuildHolds`, beyond which the least recently touched are written out) and writes each once at the
 * end: a register row rewritten after each of its events, on a page of its own, was most of what a
 * rebuild wrote.
 */
export class RegisterWriter implements ReadModelWriter {
  private readonly statements: RegisterStatements;
  private readonly held: { items: Map<string, HeldItem>; tally: CountsTally } | undefined;

  constructor(
    db: Database,
    t: TableName,
    mode: WriterMode,
    private readonly rebuildHolds: number,
  ) {
    this.statements = registerStatements(db, t);
    this.held = mode === 'rebuild' ? { items: new Map(), tally: new CountsTally() } : undefined;
  }

  batch(): ReadModelBatch {
    if (this.held === undefined) return new RegisterBatch(this.statements, new Map(), new CountsTally(), 0);
    return new RegisterBatch(this.statements, this.held.items, this.held.tally, this.rebuildHolds);
  }

  done(): void {
    if (this.held === undefined) return;
    writeItems(this.statements, [...this.held.items.values()]);
    this.held.items.clear();
    this.held.tally.write(this.statements);
  }
}

/** One transaction's worth of events. `holds`: how many items may stay unwritten when it finishes (live: none). */
class RegisterBatch implements ReadModelBatch {
  /** Versions whose next version has come: complete, written when the batch finishes. */
  private readonly completed: unknown[][] = [];

  constructor(
    private readonly statements: RegisterStatements,
    private readonly items: Map<string, HeldItem>,
    private readonly tally: CountsTally,
    private readonly holds: number,
  ) {}

  apply(event: ProjectedEvent): void {
    const { fact, metadata } = event;
    if (fact.type === 'InspectionReportRecorded') this.recordInspection(fact.data, metadata.recordedAt);
    else if (fact.type === 'InspectionActivityRecorded') {
      const { id, inspectionType, title, fieldworkFrom, fieldworkTo, revisits, purpose } = fact.data;
      this.statements.addActivity.run(
        id,
        inspectionType,
        title,
        fieldworkFrom,
        fieldworkTo,
        JSON.stringify(revisits),
        purpose ?? null,
        metadata.recordedAt,
      );
    } else if (fact.type === 'InspectionDebriefNoted') this.statements.addDebrief.run(event.subject, fact.data.notes, metadata.recordedAt);
    // The directory's people are the people projection's (the register shows them by name only); an
    // issued paper is read from its own stream.
    else if (isRecommendationEvent(fact)) this.evolve(event, fact);
  }

  finish(): void {
    this.statements.versions.insert(this.completed);
    if (this.holds === 0) {
      writeItems(this.statements, [...this.items.values()]);
      this.tally.write(this.statements);
      return;
    }
    const excess = this.items.size - this.holds;
    if (excess <= 0) return;
    // Map order is the order of last touch: the first are the least recently used.
    const evicted = [...this.items.entries()].slice(0, excess);
    writeItems(
      this.statements,
      evicted.map(([, item]) => item),
    );
    for (const [id] of evicted) this.items.delete(id);
  }

  private evolve(event: ProjectedEvent, fact: RecommendationEvent): void {
    const { occurredAt, recordedAt } = event.metadata;
    const held = this.take(event.subject);
    const record = evolveItem(held?.record, fact, { occurredAt, revision: event.revision });
    const item: HeldItem = held ?? { record, latest: null, writtenVersion: null };
    if (changesReports(fact)) {
      if (item.latest !== null) {
        item.latest[NEXT_OCCURRED] = occurredAt;
        item.latest[NEXT_RECORDED] = recordedAt;
        this.completed.push(item.latest);
      } else if (item.writtenVersion !== null) {
        this.statements.endVersion.run(occurredAt, recordedAt, item.writtenVersion);
      }
      item.latest = versionOf(record, occurredAt, recordedAt);
    }
    this.tally.moved(held?.record, record);
    item.record = record;
    this.items.set(event.subject, item);
  }

  /** The item, taken out of the map (set back after the event, so the map's order is the order of last touch). */
  private take(id: string): HeldItem | undefined {
    const held = this.items.get(id);
    if (held !== undefined) {
      this.items.delete(id);
      return held;
    }
    const row = this.statements.select.get(id);
    if (row === undefined) return undefined;
    const versionRow = row.length - 1;
    return { record: fromRow(row.slice(0, versionRow) as RegisterRow), latest: null, writtenVersion: row[versionRow] as number | null };
  }

  private recordInspection({ id, reportType, title, publishedOn, gradings }: InspectionReportRecorded['data'], recordedAt: string): void {
    this.statements.addInspection.run(id, reportType, title, publishedOn, recordedAt, JSON.stringify(gradings ?? []));
  }
}

/** Writes items' rows, and their latest versions (still open-ended), remembering where those went. */
function writeItems(s: RegisterStatements, items: HeldItem[]): void {
  const withLatest = items.filter((item) => item.latest !== null);
  // Row ids follow the order of the rows: count back from the last to each item's latest version.
  let rowid = (s.versions.insert(withLatest.map((item) => item.latest!)) ?? 0) - withLatest.length;
  for (const item of withLatest) {
    item.writtenVersion = rowid += 1;
    item.latest = null;
  }
  for (const item of items) s.upsert.run(...toRow(item.record), item.writtenVersion, naturalKey(item.record.reference));
}

function versionOf(r: ItemRecord, occurredAt: string, recordedAt: string): unknown[] {
  return [
    r.id,
    occurredAt,
    recordedAt,
    NO_NEXT_VERSION,
    NO_NEXT_VERSION,
    r.lifecycle.level,
    r.lifecycle.status,
    r.lifecycle.closed ? 1 : 0,
    r.lifecycle.inProgress ? 1 : 0,
    r.rag,
    r.owner,
    r.dueDate,
    r.originalDueDate,
    r.closedAt,
    r.lastSubmittedAt,
    r.submittedLevel,
  ];
}
