import { Injectable } from '@nestjs/common';
import type { Database, Statement } from 'better-sqlite3';
import type { ProjectedEvent } from '../projected-event';
import type { Projection, ProjectionSchema, ReadModelBatch, ReadModelWriter, TableName } from '../runtime/projection';

/**
 * The force's directory of people (docs/architecture.md, "People"): who they are, how to reach them,
 * the roles they act in and what they lead, for the pages' owner choices and the names they show.
 */
@Injectable()
export class PeopleProjection implements Projection {
  readonly name = 'people';
  readonly version: number = 1;
  readonly tables = ['people'] as const;

  schema(t: TableName, g: number): ProjectionSchema {
    return {
      tables: [
        `CREATE TABLE ${t('people')} (
          id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT, roles TEXT NOT NULL, portfolio TEXT,
          source TEXT NOT NULL, added_at TEXT NOT NULL, added_by TEXT NOT NULL
        ) WITHOUT ROWID`,
      ],
      indexes: [`CREATE INDEX people_by_name_g${g} ON ${t('people')} (name COLLATE NOCASE, id)`],
    };
  }

  writer(db: Database, t: TableName): ReadModelWriter {
    return new PeopleWriter(
      db.prepare(
        `INSERT OR REPLACE INTO ${t('people')} (id, name, email, roles, portfolio, source, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    );
  }
}

class PeopleWriter implements ReadModelWriter, ReadModelBatch {
  constructor(private readonly add: Statement<[string, string, string | null, string, string | null, string, string, string]>) {}

  /** Every statement goes straight to the database: the batch keeps nothing of its own. */
  batch(): ReadModelBatch {
    return this;
  }

  finish(): void {}

  apply({ fact, metadata }: ProjectedEvent): void {
    if (fact.type !== 'PersonAdded') return;
    const { id, name, email, roles, portfolio, source } = fact.data;
    this.add.run(id, name, email, JSON.stringify(roles), portfolio, source, metadata.occurredAt, metadata.causedBy ?? metadata.userId);
  }
}
