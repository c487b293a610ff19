/**
 * The shape of events as the store keeps them. The store knows nothing of recommendations:
 * `type` and `data` belong to the domain; the metadata is the audit envelope every event carries.
 */

/** What the writer of an event tells the store about it: who, why, when in the world, and which command. */
export interface EventContext {
  /** The user who caused the event. */
  userId: string;
  /** Their role when they did it (owner, liaison, dcc, hmicfrs, auditor, system). */
  role: string;
  /**
   * The signed-in person who caused it, apart from the role acted in: the user themself, or for an
   * import the liaison officer who ran it (its stand-ins are `userId`). Absent on events written before.
   */
  causedBy?: string;
  /** The command that produced this event; a retried command is applied once (see `append`). */
  commandId: string;
  /** The conversation this event belongs to (the first command's id when nothing else is given). */
  correlationId: string;
  /** The command or event that directly caused this one, when there is one. */
  causationId: string | null;
  /** The version of `data`'s schema for this event type; old versions are read through upcasters. */
  schemaVersion: number;
  /** When it happened in the world (ISO-8601). The store never changes it. */
  occurredAt: string;
  /** Why, where the command takes a reason. */
  reason?: string;
  /** Anything else a writer records: an import's id, file and row, say. Must be JSON. */
  extra?: Record<string, unknown>;
}

/** What the store adds on append. `recordedAt` is always the store's own clock. */
export interface StoreStamp {
  /** When the store learned of the event (ISO-8601, the store's clock). */
  recordedAt: string;
  /** SHA-256 (hex) of the previous event of the same stream; 64 zeros for the first. */
  previousHash: string;
  /** SHA-256 (hex) over this event's content and `previousHash`. */
  hash: string;
}

export type EventMetadata = EventContext & StoreStamp;

/** An event about to be appended. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  metadata: EventContext;
}

/** Where an event stands in the store's global order. Strictly increasing, never reused. */
export type GlobalPosition = bigint;

/** An event as stored. */
export interface RecordedEvent<Type extends string = string, Data = unknown> {
  /** Deterministic from stream, command id and index (see `eventIdFor`). */
  id: string;
  streamId: string;
  /** 0-based position within the stream. */
  revision: number;
  /** Position in the store's global order. */
  position: GlobalPosition;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}
