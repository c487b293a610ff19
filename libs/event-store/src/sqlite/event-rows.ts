import type { EventMetadata, RecordedEvent } from '../event';

/** The columns every read selects, in this order; rows come back as arrays, cheaper than objects. */
export const EVENT_COLUMNS = 'position, stream_id, revision, id, type, data, metadata';

export type EventRow = [position: number, streamId: string, revision: number, id: string, type: string, data: string, metadata: string];

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row[3],
    streamId: row[1],
    revision: row[2],
    position: BigInt(row[0]),
    type: row[4],
    data: JSON.parse(row[5]),
    metadata: JSON.parse(row[6]) as EventMetadata,
  };
}

/** An event row and its `recorded_at` column, which verification compares with the sealed `recordedAt`. */
export type AuditRow = [...EventRow, recordedAtColumn: string];
