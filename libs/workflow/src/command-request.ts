import type { Actor } from '@hmicfrs/auth';
import type { SystemActor } from '@hmicfrs/lifecycle';

/** Everything about a command that is not the command itself: who, when in the world, and retry safety. */
export interface CommandRequest<Sender extends Actor | SystemActor = Actor> {
  /** A person in the role they act in, or (for system commands only) the part of the system that sends it. */
  actor: Sender;
  /**
   * The signed-in person who caused the command, where that is not the actor: the liaison officer who
   * ran an import whose stand-ins act in each role. Recorded as the events' `causedBy` (the actor's id otherwise).
   */
  causedBy?: string;
  /** The client's `Idempotency-Key`: a retry with the same key returns the first answer and writes nothing. */
  idempotencyKey?: string;
  /** A system command's own id, which makes it idempotent by itself (a reminder: one per item, kind and day). */
  commandId?: string;
  /** When it happened in the world (ISO-8601). Defaults to now; never in the future, never before the item's previous event. */
  occurredAt?: string;
  /** The revision the client last saw (`If-Match`): if the item has moved on, the command is refused as a conflict. */
  expectedRevision?: number;
  /** Ties this command to an earlier one (a conversation across items). */
  correlationId?: string;
  /** The command or event that directly caused this one. */
  causationId?: string;
  /** Recorded with the events' metadata as it is: an import's id, file name and row number, say. */
  extra?: Record<string, unknown>;
}
