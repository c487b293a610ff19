import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  isCommandError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  type CurrentRevision,
} from '@eventstore/db-client';
import { EventStoreAccessDenied, EventStoreError, EventStoreUnavailable, InvalidAppend, WrongExpectedRevision } from '../errors';
import { NO_STREAM_REVISION, type ExpectedRevision } from '../expected-revision';

/** The append being made when the error happened, so a refusal can name the stream and revisions. */
export interface AppendContext {
  streamId: string;
  expected: ExpectedRevision;
}

/**
 * Turns what the client throws into the port's errors, so callers see the same refusals from both
 * adapters. Only the client's own errors are translated; anything else is a bug here and is rethrown
 * as it is rather than disguised as an outage.
 */
export function translateClientError(error: unknown, append?: AppendContext): unknown {
  if (error instanceof EventStoreError) return error;
  if (append && error instanceof WrongExpectedVersionError) {
    return new WrongExpectedRevision(append.streamId, append.expected, revisionOf(error.actualVersion));
  }
  if (append && error instanceof MaxAppendSizeExceededError) {
    return new InvalidAppend(append.streamId, `the batch exceeds the server's maximum append size (${error.maxAppendSize} bytes)`);
  }
  if (error instanceof Error && (isCommandError(error) || isGrpcError(error) || isDiscoveryFailure(error))) {
    const kind = isCommandError(error) ? `${error.type}: ` : '';
    return new EventStoreUnavailable(`EventStoreDB refused or could not be reached (${kind}${error.message})`, { cause: error });
  }
  return error;
}

/**
 * A failure that may pass if the call is made again: a deadline passed (the client's, or the
 * server's write timeout, which it reports as ABORTED), the connection dropped, the node stopped
 * leading (the client reconnects to the leader it names) or discovery found no node yet. For an
 * append, the write may have been committed all the same. Looks through the port's
 * `EventStoreUnavailable` to the client's error it wraps.
 */
export function isTransient(error: unknown): boolean {
  const client = error instanceof EventStoreUnavailable ? error.cause : error;
  if (
    client instanceof DeadlineExceededError ||
    client instanceof TimeoutError ||
    client instanceof UnavailableError ||
    client instanceof CancelledError ||
    client instanceof NotLeaderError
  ) {
    return true;
  }
  if (!(client instanceof Error) || isCommandError(client)) return false;
  // Raw gRPC statuses the client did not wrap: CANCELLED, DEADLINE_EXCEEDED, ABORTED, UNAVAILABLE.
  const code = (client as { code?: unknown }).code;
  return [1, 4, 10, 14].includes(code as number) || isDiscoveryFailure(client);
}

/** The user the connection string names (or none) may not do this: no retry will help. */
export function isAccessDenied(error: unknown): boolean {
  const client = error instanceof EventStoreUnavailable ? error.cause : error;
  return client instanceof AccessDeniedError || (client instanceof Error && (client as { code?: unknown }).code === 7);
}

/**
 * `$all` refused: a secure cluster lets only `$admins` read it unless its ACL says otherwise. The
 * adapter reads `$all` for the read models, stream listing, sealing and `health()`.
 * @param connection the connection's user when known (`user: undefined`: the connection has no credentials)
 */
export function allReadRefused(cause: unknown, connection?: { user: string | undefined }): EventStoreAccessDenied {
  const who = !connection
    ? "the connection's user"
    : connection.user === undefined
      ? 'a connection without credentials'
      : `the user "${connection.user}"`;
  if (cause instanceof Error && (cause as { code?: unknown }).code === 16) {
    return new EventStoreAccessDenied(
      `EventStoreDB did not accept the credentials of ${who} (UNAUTHENTICATED): check the user name and password in EVENTSTORE_CONNECTION_STRING`,
      { cause },
    );
  }
  return new EventStoreAccessDenied(
    `EventStoreDB refused ${who} read access to $all, which the API reads to build its read models, to seal and for ` +
      '/health. Put credentials of a user in the $admins group in EVENTSTORE_CONNECTION_STRING ' +
      '(esdb://user:password@host:2113?tls=true), or have an admin grant this user read ($r) on $all by setting ' +
      'the metadata of $all (the stream $$$all) to {"$acl":{"$r":["<user>","$admins"]}}; it also needs read and write ' +
      'on the product streams (the default user-stream ACL allows both)',
    { cause },
  );
}

/** The stream's current revision as the port counts it: -1 for a stream that does not exist. */
export function revisionOf(current: CurrentRevision): number {
  return current === 'no_stream' ? NO_STREAM_REVISION : Number(current);
}

/** A raw gRPC status the client did not wrap (it carries a numeric status code). */
function isGrpcError(error: Error): boolean {
  return typeof (error as { code?: unknown }).code === 'number';
}

/** Cluster discovery gives up with a plain Error (Client/discovery.js in @eventstore/db-client 6.x). */
function isDiscoveryFailure(error: Error): boolean {
  return error.message.startsWith('Failed to discover');
}
