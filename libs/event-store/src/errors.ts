import type { ExpectedRevision } from './expected-revision';

/** Every refusal of the event store is one of these; the API maps them to HTTP in one place. */
export abstract class EventStoreError extends Error {
  protected constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Someone else appended to the stream first; `actual` is the stream's revision now (-1: no stream). */
export class WrongExpectedRevision extends EventStoreError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number,
  ) {
    super(`Stream ${streamId} was expected at revision ${String(expected)} but is at ${actual === -1 ? 'no stream' : actual}`);
  }
}

/** The stream name is not of the form `<category>-<id>` with safe characters. */
export class InvalidStreamName extends EventStoreError {
  constructor(
    readonly streamId: string,
    reason: string,
  ) {
    super(`Invalid stream name ${JSON.stringify(streamId)}: ${reason}`);
  }
}

/** The events to append are not acceptable (empty list, not JSON, mixed command ids, …). */
export class InvalidAppend extends EventStoreError {
  constructor(
    readonly streamId: string,
    reason: string,
  ) {
    super(`Cannot append to ${streamId}: ${reason}`);
  }
}

/** The store cannot be opened or written: corrupt file, unwritable directory, unreachable server. */
export class EventStoreUnavailable extends EventStoreError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`The event store is unavailable: ${reason}`, options);
  }
}

/**
 * The store could not say whether an append was recorded: it kept failing (timeouts, a lost
 * connection, a leader change) after the events had been sent, and reading the stream back failed
 * too. Nothing is recorded twice if the same command is sent again (same command id, so the same
 * event ids): the store recognises it. Reported as unavailable.
 */
export class AppendOutcomeUnknown extends EventStoreUnavailable {
  constructor(
    readonly streamId: string,
    readonly commandId: string,
    attempts: number,
    options?: { cause?: unknown },
  ) {
    super(
      `${streamId}: after ${attempts} attempts it is not known whether command ${commandId} was recorded; ` +
        'sending the same command again (same command id or Idempotency-Key) is safe',
      options,
    );
  }
}

/**
 * The store refused the connection's user something it needs (EventStoreDB's access control). No
 * retry helps: the message says what to grant. Reported as unavailable.
 */
export class EventStoreAccessDenied extends EventStoreUnavailable {}

/**
 * A follower of the store's global order found another store where its own had been (a database
 * wiped or replaced under the running process): its position means nothing there. It must start
 * again from the beginning or the head, not resume.
 */
export class StoreReplaced extends EventStoreError {
  constructor(
    readonly followed: string,
    readonly found: string,
  ) {
    super(`The event store followed (${followed}) has been replaced by another (${found}): positions in one mean nothing in the other`);
  }
}
