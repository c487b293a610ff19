import { Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import type { Projection, ProjectionSchema, ReadModelWriter, TableName } from '../runtime/projection';
import { AuditWriter } from './audit-writer';

/**
 * The audit trail across items: every event with who, in which role, when (in the world and on
 * record), why and under which command, to be searched by item, by user and by date.
 */
@Injectable()
export class AuditProjection implements Projection {
  readonly name = 'audit';
  /** 3: the directory's `PersonAdded` (person-<id> streams) is in the trail too, so a stored trail is rebuilt with them. */
  readonly version: number = 4;
  readonly tables = ['audit_trail'] as const;

  schema(t: TableName, g: number): ProjectionSchema {
    return {
      tables: [
        // seq follows the global order (the projector applies events in it) and pages the trail; an event
        // is named by its stream and revision.
        `CREATE TABLE ${t('audit_trail')} (
          seq INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL,
          user_id TEXT NOT NULL, role TEXT NOT NULL, occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL,
          reason TEXT, command_id TEXT NOT NULL, data TEXT NOT NULL
        )`,
      ],
      indexes: [
        `CREATE INDEX audit_by_stream_g${g} ON ${t('audit_trail')} (stream_id, seq)`,
        `CREATE INDEX audit_by_user_g${g} ON ${t('audit_trail')} (user_id, seq)`,
        `CREATE INDEX audit_by_occurred_g${g} ON ${t('audit_trail')} (occurred_at)`,
        // The home page's reminders and escalations by recipient (NeedsYouQueries.notices): the few among every event.
        `CREATE INDEX audit_notices_by_recipient_g${g} ON ${t('audit_trail')} (json_extract(data, '$.to'), seq)
           WHERE type IN ('ReminderIssued', 'Escalated')`,
      ],
    };
  }

  writer(db: Database, table: TableName): ReadModelWriter {
    return new AuditWriter(db, table);
  }
}
