import type { Database, Statement } from 'better-sqlite3';
import type { InspectionReportRecorded, RecommendationEvent } from '@hmicfrs/lifecycle';
import type { ProjectedEvent } from '../projected-event';
import type { ReadModelBatch, ReadModelWriter, TableName } from '../runtime/projection';
import { changesReports, evolveItem } from './evolve-item';
import { isInProgress, type ItemRecord } from './item-record';
import { BulkInsert } from '../runtime/bulk-insert';
import { fromRow, NO_NEXT_VERSION, REGISTER_COLUMNS, toRow, type RegisterRow } from './register-rows';

/** An item as loaded into a batch: its record, the rowid of its latest stored version, and versions not yet written. */
interface Loaded {
  record: ItemRecord;
  versionRow: number | null;
  pending: unknown[][];
}

const VERSION_COLUMNS = [
  'item_id', 'occurred_at', 'recorded_at', 'next_occurred_at', 'next_recorded_at', 'kind', 'inspection_id', 'opened_at', 'level',
  'status', 'closed', 'in_progress', 'rag', 'owner', 'due_date', 'original_due_date', 'closed_at', 'last_submitted_at', 'submitted_level',
] as const;
const NEXT_OCCURRED = 3;
const NEXT_RECORDED = 4;

interface Statements {
  select: Statement<[string], [...RegisterRow, number | null]>;
  upsert: Statement<[...RegisterRow, number | null]>;
  versions: BulkInsert;
  endVersion: Statement<[string, string, number]>;
  addInspection: Statement<[string, string, string, string]>;
  addCount: Statement<[string, number, string, number]>;
  dropEmptyCounts: Statement<[]>;
  addRag: Statement<[string, number]>;
  dropEmptyRags: Statement<[]>;
}

export class RegisterWriter implements ReadModelWriter {
  private readonly statements: Statements;

  constructor(db: Database, t: TableName) {
    const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');
    this.statements = {
      select: db.prepare<[string], [...RegisterRow, number | null]>(`SELECT ${REGISTER_COLUMNS}, version_row FROM ${t('register')} WHERE id = ?`).raw(),
      upsert: db.prepare(`INSERT OR REPLACE INTO ${t('register')} (${REGISTER_COLUMNS}, version_row) VALUES (${placeholders(23)})`),
      versions: new BulkInsert(db, t('register_versions'), VERSION_COLUMNS),
      endVersion: db.prepare(`UPDATE ${t('register_versions')} SET next_occurred_at = ?, next_recorded_at = ? WHERE rowid = ?`),
      addInspection: db.prepare(`INSERT OR REPLACE INTO ${t('inspections')} (id, report_type, title, published_on) VALUES (?, ?, ?, ?)`),
      addCount: db.prepare(
        `INSERT INTO ${t('register_counts')} (kind, level, status, items) VALUES (?, ?, ?, ?)
         ON CONFLICT (kind, level, status) DO UPDATE SET items = items + excluded.items`,
      ),
      dropEmptyCounts: db.prepare(`DELETE FROM ${t('register_counts')} WHERE items = 0`),
      addRag: db.prepare(`INSERT INTO ${t('rag_counts')} (rag, items) VALUES (?, ?) ON CONFLICT (rag) DO UPDATE SET items = items + excluded.items`),
      dropEmptyRags: db.prepare(`DELETE FROM ${t('rag_counts')} WHERE items = 0`),
    };
  }

  batch(): ReadModelBatch {
    return new RegisterBatch(this.statements);
  }
}

/**
 * Items touched by the batch stay in memory until it finishes and are written once, with their new
 * versions (each version closed by the next, the item's latest stored one by the first) and the
 * summed changes to the counts.
 */
class RegisterBatch implements ReadModelBatch {
  private readonly items = new Map<string, Loaded>();
  private readonly counts = new Map<string, number>();
  private readonly rags = new Map<string, number>();

  constructor(private readonly statements: Statements) {}

  apply(event: ProjectedEvent): void {
    if (event.fact.type === 'InspectionReportRecorded') this.recordInspection(event.fact.data);
    else this.evolve(event, event.fact);
  }

  finish(): void {
    const s = this.statements;
    const versions: unknown[][] = [];
    for (const item of this.items.values()) {
      const [first] = item.pending;
      if (first !== undefined && item.versionRow !== null) s.endVersion.run(first[1] as string, first[2] as string, item.versionRow);
      versions.push(...item.pending);
    }
    // Row ids follow the order of the versions: count back from the last to each item's latest.
    let rowid = (s.versions.insert(versions) ?? 0) - versions.length;
    for (const item of this.items.values()) {
      rowid += item.pending.length;
      s.upsert.run(...toRow(item.record), item.pending.length > 0 ? rowid : item.versionRow);
    }
    for (const [key, delta] of this.counts) {
      if (delta === 0) continue;
      const [kind, level, status] = key.split('|');
      s.addCount.run(kind, Number(level), status, delta);
    }
    for (const [rag, delta] of this.rags) if (delta !== 0) s.addRag.run(rag, delta);
    s.dropEmptyCounts.run();
    s.dropEmptyRags.run();
  }

  private evolve(event: ProjectedEvent, fact: RecommendationEvent): void {
    const before = this.load(event.subject);
    const record = evolveItem(before?.record, fact, { occurredAt: event.metadata.occurredAt, revision: event.revision });
    const item: Loaded = before ?? { record, versionRow: null, pending: [] };
    if (changesReports(fact)) {
      const { occurredAt, recordedAt } = event.metadata;
      const previous = item.pending[item.pending.length - 1];
      if (previous !== undefined) {
        previous[NEXT_OCCURRED] = occurredAt;
        previous[NEXT_RECORDED] = recordedAt;
      }
      item.pending.push(versionOf(record, occurredAt, recordedAt));
    }
    if (before === undefined || countedAs(before.record) !== countedAs(record)) {
      if (before !== undefined) this.count(before.record, -1);
      this.count(record, 1);
    }
    item.record = record;
    this.items.set(event.subject, item);
  }

  private load(id: string): Loaded | undefined {
    const inBatch = this.items.get(id);
    if (inBatch !== undefined) return inBatch;
    const row = this.statements.select.get(id);
    if (row === undefined) return undefined;
    return { record: fromRow(row.slice(0, 22) as RegisterRow), versionRow: row[22], pending: [] };
  }

  private count(record: ItemRecord, delta: number): void {
    const key = `${record.kind}|${record.level}|${record.status}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + delta);
    if (!isInProgress(record)) return;
    const rag = record.rag ?? 'unrated';
    this.rags.set(rag, (this.rags.get(rag) ?? 0) + delta);
  }

  private recordInspection({ id, reportType, title, publishedOn }: InspectionReportRecorded['data']): void {
    this.statements.addInspection.run(id, reportType, title, publishedOn);
  }
}

/** What the counts see of an item; most events leave it as it was. */
function countedAs(r: ItemRecord): string {
  return `${r.kind}|${r.level}|${r.status}|${isInProgress(r) ? (r.rag ?? 'unrated') : '-'}`;
}

function versionOf(r: ItemRecord, occurredAt: string, recordedAt: string): unknown[] {
  return [
    r.id,
    occurredAt,
    recordedAt,
    NO_NEXT_VERSION,
    NO_NEXT_VERSION,
    r.kind,
    r.inspectionId,
    r.openedAt,
    r.level,
    r.status,
    r.closed ? 1 : 0,
    isInProgress(r) ? 1 : 0,
    r.rag,
    r.owner,
    r.dueDate,
    r.originalDueDate,
    r.closedAt,
    r.lastSubmittedAt,
    r.submittedLevel,
  ];
}
