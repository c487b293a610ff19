import type { Database, Statement } from 'better-sqlite3';
import type { InspectionReportRecorded, RecommendationEvent } from '@hmicfrs/lifecycle';
import type { ProjectedEvent } from '../projected-event';
import type { ReadModelBatch, ReadModelWriter, TableName } from '../runtime/projection';
import { changesReports, evolveItem } from './evolve-item';
import { isInProgress, type ItemRecord } from './item-record';
import { fromRow, REGISTER_COLUMNS, toRow, type RegisterRow } from './register-rows';

/** An item as loaded into a batch: its record and the rowid of its latest version. */
interface Loaded {
  record: ItemRecord;
  versionRow: number | null;
}

interface Statements {
  select: Statement<[string], [...RegisterRow, number | null]>;
  upsert: Statement<[...RegisterRow, number | null]>;
  addVersion: Statement<unknown[]>;
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
      addVersion: db.prepare(
        `INSERT INTO ${t('register_versions')} (item_id, occurred_at, recorded_at, kind, inspection_id, opened_at, level, status,
           closed, in_progress, rag, owner, due_date, original_due_date, closed_at, last_submitted_at, submitted_level)
         VALUES (${placeholders(17)})`,
      ),
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
 * Items touched by the batch stay in memory until it finishes and are written once; counts are summed
 * and written once. Versions are written as they come, each closing the one before.
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
    for (const { record, versionRow } of this.items.values()) s.upsert.run(...toRow(record), versionRow);
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
    let versionRow = before?.versionRow ?? null;
    if (changesReports(fact)) {
      const { occurredAt, recordedAt } = event.metadata;
      if (versionRow !== null) this.statements.endVersion.run(occurredAt, recordedAt, versionRow);
      versionRow = Number(this.statements.addVersion.run(...versionOf(record, occurredAt, recordedAt)).lastInsertRowid);
    }
    if (before !== undefined) this.count(before.record, -1);
    this.count(record, 1);
    this.items.set(event.subject, { record, versionRow });
  }

  private load(id: string): Loaded | undefined {
    const loaded = this.items.get(id);
    if (loaded !== undefined) return loaded;
    const row = this.statements.select.get(id);
    if (row === undefined) return undefined;
    return { record: fromRow(row.slice(0, 22) as RegisterRow), versionRow: row[22] };
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

function versionOf(r: ItemRecord, occurredAt: string, recordedAt: string): unknown[] {
  return [
    r.id,
    occurredAt,
    recordedAt,
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
