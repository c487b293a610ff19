import type { Role } from './commands';
import { refuse, type Decision } from './decision';
import { EventDoesNotFit } from './errors';
import { personId } from './people';
import { upcast, type StoredEvent } from './upcast';

/**
 * A person's sessions on the web pages (docs/architecture.md, "Sessions"): one stream per person
 * (`sessions-<id>`), so that a session ended by one API instance is refused by every other on its next
 * request, and "sign out everywhere" is one decision over one stream.
 */

/** How the person signed in: through the force's provider, by choosing a name from the users file, or with a token (local runs). */
export type SignedInWith = 'provider' | 'users-file' | 'token';

/** Why a session ended: its person signed out of it, or out of all of theirs, or the liaison officer ended them. */
export type SessionEndedBecause = 'signed-out' | 'signed-out-everywhere' | 'ended-by-liaison';

interface Fact<Type extends string, Data> {
  type: Type;
  data: Data;
}

export type SessionStarted = Fact<
  'SessionStarted',
  { sessionId: string; personId: string; role: Role; signedInWith: SignedInWith; startedAt: string }
>;
export type SessionEnded = Fact<'SessionEnded', { sessionId: string; because: SessionEndedBecause; endedAt: string }>;
/**
 * The session was in use at `at`: recorded at most every quarter of the idle timeout, not per request
 * (see `sessionSeenDue`), so that every instance can tell an idle session from one busy elsewhere.
 */
export type SessionSeen = Fact<'SessionSeen', { sessionId: string; at: string }>;

export type SessionEvent = SessionStarted | SessionEnded | SessionSeen;

/** A session not ended: when it started and when it was last recorded in use. */
export interface LiveSession {
  sessionId: string;
  role: Role;
  signedInWith: SignedInWith;
  startedAt: string;
  lastSeenAt: string;
}

/** A person's sessions that have not been ended, by id. An ended or unknown id is no session. */
export interface PersonSessions {
  personId: string;
  live: Record<string, LiveSession>;
}

export type StartSession = {
  type: 'START_SESSION';
  sessionId: string;
  personId: string;
  role: Role;
  signedInWith: SignedInWith;
  at: string;
};
export type EndSession = { type: 'END_SESSION'; sessionId: string; because: SessionEndedBecause; at: string };
export type EndAllSessions = { type: 'END_ALL_SESSIONS'; because: SessionEndedBecause; at: string };
/** `everyMs`: how long after the last record of use another is worth making (a quarter of the idle timeout). */
export type RecordSessionSeen = { type: 'RECORD_SESSION_SEEN'; sessionId: string; at: string; everyMs: number };

export type SessionCommand = StartSession | EndSession | EndAllSessions | RecordSessionSeen;

/**
 * No session outlives this (the session cookie's longest lifetime, 30 days): older ones are dropped
 * from the fold as newer facts arrive, so a person who never signs out does not carry years of them.
 */
export const LONGEST_SESSION_MS = 30 * 24 * 60 * 60 * 1000;

/** The facts a command records on the person's sessions; ending what is already ended records nothing. */
export function decideSession(state: PersonSessions | undefined, command: SessionCommand): Decision<SessionEvent> {
  const live = state?.live ?? {};
  switch (command.type) {
    case 'START_SESSION': {
      if (live[command.sessionId] !== undefined) {
        return refuse({ code: 'already_exists', message: `Session ${command.sessionId} has already started` });
      }
      const { sessionId, role, signedInWith, at } = command;
      return {
        ok: true,
        events: [{ type: 'SessionStarted', data: { sessionId, personId: personId(command.personId), role, signedInWith, startedAt: at } }],
      };
    }
    case 'END_SESSION':
      return { ok: true, events: live[command.sessionId] === undefined ? [] : [ended(command.sessionId, command.because, command.at)] };
    case 'END_ALL_SESSIONS':
      return { ok: true, events: Object.keys(live).map((sessionId) => ended(sessionId, command.because, command.at)) };
    case 'RECORD_SESSION_SEEN': {
      // Decided on the stream as it stands: two requests at once, or an instance that recorded it just now, record it once.
      const session = live[command.sessionId];
      const due = session !== undefined && Date.parse(command.at) - Date.parse(session.lastSeenAt) >= command.everyMs;
      return { ok: true, events: due ? [{ type: 'SessionSeen', data: { sessionId: command.sessionId, at: command.at } }] : [] };
    }
    default: {
      const unknown: never = command;
      throw new Error(`Unknown session command ${JSON.stringify(unknown)}`);
    }
  }
}

function ended(sessionId: string, because: SessionEndedBecause, endedAt: string): SessionEnded {
  return { type: 'SessionEnded', data: { sessionId, because, endedAt } };
}

export function evolveSessions(state: PersonSessions | undefined, event: SessionEvent): PersonSessions {
  const live = { ...(state?.live ?? {}) };
  let person = state?.personId ?? '';
  switch (event.type) {
    case 'SessionStarted': {
      const { sessionId, role, signedInWith, startedAt } = event.data;
      person = event.data.personId;
      live[sessionId] = { sessionId, role, signedInWith, startedAt, lastSeenAt: startedAt };
      dropOutlived(live, startedAt);
      break;
    }
    case 'SessionEnded':
      delete live[event.data.sessionId];
      break;
    case 'SessionSeen': {
      const session = live[event.data.sessionId];
      if (session !== undefined && event.data.at > session.lastSeenAt) live[session.sessionId] = { ...session, lastSeenAt: event.data.at };
      break;
    }
    default: {
      const unknown: never = event;
      throw new Error(`Unknown session event ${JSON.stringify(unknown)}`);
    }
  }
  return { personId: person, live };
}

function dropOutlived(live: Record<string, LiveSession>, now: string): void {
  const oldest = new Date(Date.parse(now) - LONGEST_SESSION_MS).toISOString();
  for (const session of Object.values(live)) if (session.startedAt < oldest) delete live[session.sessionId];
}

export function replaySessions(stream: Iterable<StoredEvent>, from?: PersonSessions): PersonSessions | undefined {
  let state = from;
  let index = 0;
  for (const stored of stream) {
    const event = upcast(stored);
    if (event.type !== 'SessionStarted' && event.type !== 'SessionEnded' && event.type !== 'SessionSeen') {
      throw new EventDoesNotFit(event.type, "a person's sessions", index);
    }
    state = evolveSessions(state, event);
    index += 1;
  }
  return state;
}

/** How long a session may sit unused, and live at all, in milliseconds (SESSION_IDLE_MINUTES, SESSION_MAX_HOURS). */
export interface SessionTimeouts {
  idleMs: number;
  maxMs: number;
}

export type SessionVerdict = { live: true; session: LiveSession } | { live: false; reason: string };

/**
 * Whether the session may still be used at `now`: started and not ended, used within the idle timeout
 * (`lastSeenHere`: this process's own, more recent, memory of its last request), younger than its lifetime.
 */
export function sessionVerdict(
  state: PersonSessions | undefined,
  sessionId: string,
  now: Date,
  timeouts: SessionTimeouts,
  lastSeenHere?: Date,
): SessionVerdict {
  const session = state?.live[sessionId];
  if (session === undefined) return { live: false, reason: 'the session has ended; sign in again' };
  if (now.getTime() - Date.parse(session.startedAt) > timeouts.maxMs) {
    return { live: false, reason: `the session is older than ${hours(timeouts.maxMs)}; sign in again` };
  }
  const lastSeen = Math.max(Date.parse(session.lastSeenAt), lastSeenHere?.getTime() ?? 0);
  if (now.getTime() - lastSeen > timeouts.idleMs) {
    return { live: false, reason: `the session was not used for more than ${minutes(timeouts.idleMs)}; sign in again` };
  }
  return { live: true, session };
}

/**
 * Whether to record that the session is in use now: when the last record of it is a quarter of the idle
 * timeout old. Per request would write an event for every page anyone opens; a quarter keeps the
 * stream short (at most four a half-hour) and lets another instance, which only sees the records, end
 * an idle session at most a quarter of the timeout early.
 */
export function sessionSeenDue(session: LiveSession, now: Date, timeouts: SessionTimeouts): boolean {
  return now.getTime() - Date.parse(session.lastSeenAt) >= seenEveryMs(timeouts);
}

export const seenEveryMs = (timeouts: SessionTimeouts): number => timeouts.idleMs / 4;

const hours = (ms: number) => `${ms / 3_600_000} hour${ms === 3_600_000 ? '' : 's'}`;
const minutes = (ms: number) => `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}`;
