import { randomUUID } from 'node:crypto';
import { AccessDenied, NotSignedIn, type Actor, type LiveSessions } from '@hmicfrs/auth';
import type { Clock } from '@hmicfrs/clock';
import type { EventStore } from '@hmicfrs/event-store';
import {
  decideSession,
  evolveSessions,
  replaySessions,
  samePerson,
  seenEveryMs,
  sessionSeenDue,
  sessionVerdict,
  sessionsStream,
  type PersonSessions,
  type SessionCommand,
  type SessionEndedBecause,
  type SessionEvent,
  type SessionTimeouts,
  type SignedInWith,
} from '@hmicfrs/lifecycle';
import { CommandPipeline, type FoldedStreams } from './command-pipeline';
import type { CommandRequest } from './command-request';
import { allow, decided } from './decided';

/** The people whose sessions one process keeps folded: a force's staff, many times over. */
const RECENT_PEOPLE = 10_000;

/**
 * The web pages' sessions (docs/architecture.md, "Sessions"), kept as events on one stream per person
 * (`sessions-<id>`) through the same command pipeline as every other write, so that a session ended
 * by one API instance is refused by every other on its next request.
 *
 * Asking whether a session is live reads the person's stream from the revision this process last
 * folded (usually nothing new: one indexed read), never a read model fed later, which another
 * instance's sign-out could not yet have reached.
 */
export class Sessions implements LiveSessions {
  private readonly pipeline: CommandPipeline;
  private readonly sessions: FoldedStreams<PersonSessions>;
  /**
   * When this process last served each session, in memory only: an event per request would write for
   * every page anyone opens. Other instances learn of use from `SessionSeen`, recorded at most every
   * quarter of the idle timeout (`sessionSeenDue`), so idleness is exact here and at most a quarter
   * early elsewhere. Least recently used first, bounded like the folds.
   */
  private readonly lastSeen = new Map<string, Date>();

  constructor(
    store: EventStore,
    private readonly clock: Clock,
    private readonly timeouts: SessionTimeouts,
  ) {
    this.pipeline = new CommandPipeline(store, clock);
    this.sessions = this.pipeline.streams<PersonSessions>(
      {
        fold: (events, from) => replaySessions(events, from?.state),
        evolve: (state, facts) => facts.reduce(evolveSessionFact, state) as PersonSessions,
      },
      RECENT_PEOPLE,
    );
  }

  /** The longest a session lives (SESSION_MAX_HOURS), for its cookie. */
  get lifetimeSeconds(): number {
    return Math.floor(this.timeouts.maxMs / 1000);
  }

  /** A new session for the person who has just signed in: its id goes into their cookie. Nobody starts one for another. */
  async start(actor: Actor, signedInWith: SignedInWith): Promise<string> {
    const sessionId = randomUUID();
    const command: SessionCommand = {
      type: 'START_SESSION',
      sessionId,
      personId: actor.userId,
      role: actor.role,
      signedInWith,
      at: this.now(),
    };
    await this.write(actor.userId, command, { actor }, () => undefined);
    return sessionId;
  }

  /** Signing out of this session; one already ended (or never started) records nothing. */
  async end(sessionId: string, actor: Actor): Promise<void> {
    const command: SessionCommand = { type: 'END_SESSION', sessionId, because: 'signed-out', at: this.now() };
    await this.write(actor.userId, command, { actor }, () => undefined);
    this.lastSeen.delete(sessionId);
  }

  /**
   * Every live session of the person: by themself ("sign out everywhere", `sessions.end-own`) or by the
   * liaison officer (`sessions.end`). Both are held to the policy table here, whichever road came.
   */
  async endAll(person: string, request: CommandRequest): Promise<number> {
    const own = samePerson(person, request.actor.userId);
    const because: SessionEndedBecause = own ? 'signed-out-everywhere' : 'ended-by-liaison';
    const command: SessionCommand = { type: 'END_ALL_SESSIONS', because, at: this.now() };
    const events = await this.write(person, command, request, () => allow(request.actor, own ? 'sessions.end-own' : 'sessions.end'));
    return events.length;
  }

  /** How many sessions the person has that are not ended (some may have gone idle or outlived their lifetime). */
  async liveCount(person: string): Promise<number> {
    const current = await this.sessions.current(sessionsStream(person));
    return Object.keys(current?.state.live ?? {}).length;
  }

  async assertLive(sessionId: string, actor: Actor): Promise<void> {
    const stream = sessionsStream(actor.userId);
    const now = this.clock();
    const verdict = sessionVerdict(
      (await this.sessions.current(stream))?.state,
      sessionId,
      now,
      this.timeouts,
      this.lastSeen.get(sessionId),
    );
    if (!verdict.live) {
      this.lastSeen.delete(sessionId);
      throw new NotSignedIn(verdict.reason);
    }
    this.lastSeen.delete(sessionId);
    this.lastSeen.set(sessionId, now);
    if (this.lastSeen.size > RECENT_PEOPLE) this.lastSeen.delete(this.lastSeen.keys().next().value as string);
    if (sessionSeenDue(verdict.session, now, this.timeouts)) {
      await this.write(
        actor.userId,
        { type: 'RECORD_SESSION_SEEN', sessionId, at: now.toISOString(), everyMs: seenEveryMs(this.timeouts) },
        { actor },
        () => undefined,
      );
    }
  }

  private now(): string {
    return this.clock().toISOString();
  }

  private async write(person: string, command: SessionCommand, request: CommandRequest, check: () => void): Promise<SessionEvent[]> {
    const written = await this.pipeline.handle(
      this.sessions,
      {
        stream: sessionsStream(person),
        command,
        check: () => {
          // Starting, ending or using a session is its own person's act; only ending them all may be another's.
          if (command.type !== 'END_ALL_SESSIONS' && !samePerson(request.actor.userId, person)) {
            throw new AccessDenied(`${request.actor.userId} cannot act on ${person}'s sessions`);
          }
          check();
        },
        decide: (state) => decided(decideSession(state, command)),
      },
      request,
    );
    return written.events.map((event) => ({ type: event.type, data: event.data }) as SessionEvent);
  }
}

function evolveSessionFact(state: PersonSessions | undefined, fact: unknown): PersonSessions {
  return evolveSessions(state, fact as SessionEvent);
}
