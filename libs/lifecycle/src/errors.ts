/**
 * A stored history this code cannot rebuild an item from. Never a client's mistake: a defect, a stream
 * altered outside the application, or a changed schema without its upcaster.
 */
export abstract class HistoryNotReplayable extends Error {}

/** An event of a type, or a schema version, this code does not know. */
export class UnreadableEvent extends HistoryNotReplayable {
  override readonly name = 'UnreadableEvent';

  constructor(
    readonly eventType: string,
    readonly schemaVersion: number,
  ) {
    super(`Cannot read a stored ${eventType} event of schema version ${schemaVersion}`);
  }
}

/** An event the lifecycle would not have allowed where it stands in the stream. */
export class EventDoesNotFit extends HistoryNotReplayable {
  override readonly name = 'EventDoesNotFit';

  constructor(
    readonly eventType: string,
    readonly where: string,
    readonly index?: number,
  ) {
    super(`${eventType}${index === undefined ? '' : ` (event ${index} of the stream)`} does not fit ${where}`);
  }
}
