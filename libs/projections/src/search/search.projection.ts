import { Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import type { ProjectedEvent } from '../projected-event';
import type { Projection, ProjectionSchema, ReadModelBatch, ReadModelWriter, TableName } from '../runtime/projection';

/**
 * Free-text search over the register (docs/architecture.md, "Projections and read models"): an SQLite
 * FTS5 index of each item's reference, wording, inspection report title, owner's name and progress
 * notes. `search_items` holds what each item's entry is made of (the owner and report by id, the notes
 * in order); the report titles and people's names it needs are kept here too, so that the index never
 * reads another projection's tables (a rebuild may be filling them).
 */
@Injectable()
export class SearchProjection implements Projection {
  readonly name = 'search';
  readonly version: number = 1;
  readonly tables = ['search_items', 'search_index', 'search_inspections', 'search_people'] as const;

  schema(t: TableName, g: number): ProjectionSchema {
    return {
      tables: [
        `CREATE TABLE ${t('search_items')} (
          doc INTEGER PRIMARY KEY, item_id TEXT NOT NULL UNIQUE, reference TEXT NOT NULL, text TEXT NOT NULL,
          inspection_id TEXT NOT NULL, owner TEXT, notes TEXT NOT NULL
        )`,
        // Diacritics folded ("Café" finds "cafe"); a row's rowid is its search_items doc.
        `CREATE VIRTUAL TABLE ${t('search_index')} USING fts5(
          reference, text, title, owner, notes, tokenize = 'unicode61 remove_diacritics 2'
        )`,
        `CREATE TABLE ${t('search_inspections')} (id TEXT PRIMARY KEY, title TEXT NOT NULL) WITHOUT ROWID`,
        `CREATE TABLE ${t('search_people')} (id TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID`,
      ],
      indexes: [
        `CREATE INDEX search_items_by_inspection_g${g} ON ${t('search_items')} (inspection_id)`,
        `CREATE INDEX search_items_by_owner_g${g} ON ${t('search_items')} (owner)`,
      ],
    };
  }

  writer(db: Database, t: TableName): ReadModelWriter {
    return new SearchWriter(searchStatements(db, t));
  }
}

interface SearchDoc {
  doc: number | null;
  itemId: string;
  reference: string;
  text: string;
  inspectionId: string;
  owner: string | null;
  notes: string;
}

type DocRow = [doc: number, itemId: string, reference: string, text: string, inspectionId: string, owner: string | null, notes: string];

function searchStatements(db: Database, t: TableName) {
  return {
    select: db
      .prepare<[string], DocRow>(
        `SELECT doc, item_id, reference, text, inspection_id, owner, notes FROM ${t('search_items')} WHERE item_id = ?`,
      )
      .raw(),
    byInspection: db
      .prepare<[string], DocRow>(
        `SELECT doc, item_id, reference, text, inspection_id, owner, notes FROM ${t('search_items')} WHERE inspection_id = ?`,
      )
      .raw(),
    byOwner: db
      .prepare<[string], DocRow>(
        `SELECT doc, item_id, reference, text, inspection_id, owner, notes FROM ${t('search_items')} WHERE owner = ?`,
      )
      .raw(),
    insert: db.prepare<[string, string, string, string, string | null, string]>(
      `INSERT INTO ${t('search_items')} (item_id, reference, text, inspection_id, owner, notes) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    update: db.prepare<[string | null, string, number]>(`UPDATE ${t('search_items')} SET owner = ?, notes = ? WHERE doc = ?`),
    unindex: db.prepare<[number]>(`DELETE FROM ${t('search_index')} WHERE rowid = ?`),
    index: db.prepare<[number, string, string, string, string, string]>(
      `INSERT INTO ${t('search_index')} (rowid, reference, text, title, owner, notes) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    title: db.prepare<[string], string>(`SELECT title FROM ${t('search_inspections')} WHERE id = ?`).pluck(),
    name: db.prepare<[string], string>(`SELECT name FROM ${t('search_people')} WHERE id = ?`).pluck(),
    addInspection: db.prepare<[string, string]>(`INSERT OR REPLACE INTO ${t('search_inspections')} (id, title) VALUES (?, ?)`),
    addPerson: db.prepare<[string, string]>(`INSERT OR REPLACE INTO ${t('search_people')} (id, name) VALUES (?, ?)`),
  };
}

type SearchStatements = ReturnType<typeof searchStatements>;

const docOf = (row: DocRow): SearchDoc => ({
  doc: row[0],
  itemId: row[1],
  reference: row[2],
  text: row[3],
  inspectionId: row[4],
  owner: row[5],
  notes: row[6],
});

class SearchWriter implements ReadModelWriter {
  constructor(private readonly statements: SearchStatements) {}

  batch(): ReadModelBatch {
    return new SearchBatch(this.statements);
  }
}

/** The items a batch touched, written (their index entries replaced) once, when it finishes. */
class SearchBatch implements ReadModelBatch {
  private readonly touched = new Map<string, SearchDoc>();

  constructor(private readonly s: SearchStatements) {}

  apply({ fact, subject }: ProjectedEvent): void {
    switch (fact.type) {
      case 'RecommendationOpened': {
        const { reference, text, inspectionId, owner } = fact.data;
        this.touched.set(subject, { doc: null, itemId: subject, reference, text, inspectionId, owner: owner ?? null, notes: '' });
        return;
      }
      case 'OwnerAssigned':
        this.touch(subject, (doc) => (doc.owner = fact.data.owner));
        return;
      case 'ProgressNoted':
        this.touch(subject, (doc) => (doc.notes = doc.notes === '' ? fact.data.text : `${doc.notes}\n${fact.data.text}`));
        return;
      // Normally recorded before their items and people: any item already indexed under them is indexed again.
      case 'InspectionReportRecorded':
        this.finish();
        this.s.addInspection.run(fact.data.id, fact.data.title);
        for (const row of this.s.byInspection.all(fact.data.id)) this.write(docOf(row));
        return;
      case 'PersonAdded':
        this.finish();
        this.s.addPerson.run(fact.data.id, fact.data.name);
        for (const row of this.s.byOwner.all(fact.data.id)) this.write(docOf(row));
        return;
      default:
        return;
    }
  }

  finish(): void {
    for (const doc of this.touched.values()) this.write(doc);
    this.touched.clear();
  }

  private touch(itemId: string, change: (doc: SearchDoc) => void): void {
    let doc = this.touched.get(itemId);
    if (doc === undefined) {
      const row = this.s.select.get(itemId);
      // An event of an item never opened is not the search's to judge: the register refuses it.
      if (row === undefined) return;
      doc = docOf(row);
      this.touched.set(itemId, doc);
    }
    change(doc);
  }

  private write(doc: SearchDoc): void {
    if (doc.doc === null) {
      doc.doc = Number(this.s.insert.run(doc.itemId, doc.reference, doc.text, doc.inspectionId, doc.owner, doc.notes).lastInsertRowid);
    } else {
      this.s.update.run(doc.owner, doc.notes, doc.doc);
      this.s.unindex.run(doc.doc);
    }
    const title = this.s.title.get(doc.inspectionId) ?? doc.inspectionId;
    const owner = doc.owner === null ? '' : (this.s.name.get(doc.owner) ?? doc.owner);
    this.s.index.run(doc.doc, doc.reference, doc.text, title, owner, doc.notes);
  }
}
