import { decideSession, evolveSessions, sessionSeenDue, sessionVerdict, type PersonSessions, type SessionEvent } from './session';
import { sessionsStream } from './streams';

const timeouts = { idleMs: 30 * 60_000, maxMs: 8 * 3_600_000 };
const at = (time: string) => `2026-12-03T${time}:00.000Z`;

function given(...events: SessionEvent[]): PersonSessions | undefined {
  return events.reduce<PersonSessions | undefined>(evolveSessions, undefined);
}

function started(sessionId: string, time: string): SessionEvent {
  return {
    type: 'SessionStarted',
    data: { sessionId, personId: 'dcc-green', role: 'dcc', signedInWith: 'users-file', startedAt: at(time) },
  };
}

describe("a person's sessions", () => {
  it('are kept on one stream per person, under the normalised id', () => {
    expect(sessionsStream(' DCC-Green ')).toBe('sessions-dcc-green');
  });

  it('given none, when a session starts, then SessionStarted names the person (normalised), how they signed in and when', () => {
    const decision = decideSession(undefined, {
      type: 'START_SESSION',
      sessionId: 's1',
      personId: 'DCC-Green',
      role: 'dcc',
      signedInWith: 'provider',
      at: at('09:00'),
    });
    expect(decision).toEqual({
      ok: true,
      events: [
        {
          type: 'SessionStarted',
          data: { sessionId: 's1', personId: 'dcc-green', role: 'dcc', signedInWith: 'provider', startedAt: at('09:00') },
        },
      ],
    });
  });

  it('given two live sessions, when the person signs out everywhere, then both end; ending them again records nothing', () => {
    const state = given(started('s1', '09:00'), started('s2', '09:05'));
    const decision = decideSession(state, { type: 'END_ALL_SESSIONS', because: 'signed-out-everywhere', at: at('10:00') });
    expect(decision.ok && decision.events.map((event) => event.data.sessionId)).toEqual(['s1', 's2']);
    const after = decision.ok ? given(started('s1', '09:00'), started('s2', '09:05'), ...decision.events) : undefined;
    expect(after?.live).toEqual({});
    expect(decideSession(after, { type: 'END_SESSION', sessionId: 's1', because: 'signed-out', at: at('10:01') })).toEqual({
      ok: true,
      events: [],
    });
  });

  it('a session is live until it ends, goes idle or outlives its lifetime; an unknown id never is', () => {
    const state = given(started('s1', '09:00'));
    expect(sessionVerdict(state, 's1', new Date(at('09:29')), timeouts).live).toBe(true);
    expect(sessionVerdict(state, 's1', new Date(at('09:31')), timeouts)).toEqual({
      live: false,
      reason: 'the session was not used for more than 30 minutes; sign in again',
    });
    // Used here a minute ago: not idle, though nothing recorded it yet.
    expect(sessionVerdict(state, 's1', new Date(at('09:31')), timeouts, new Date(at('09:30'))).live).toBe(true);
    const seen = given(started('s1', '09:00'), { type: 'SessionSeen', data: { sessionId: 's1', at: at('16:50') } });
    expect(sessionVerdict(seen, 's1', new Date(at('17:01')), timeouts)).toEqual({
      live: false,
      reason: 'the session is older than 8 hours; sign in again',
    });
    expect(sessionVerdict(state, 'another', new Date(at('09:01')), timeouts)).toEqual({
      live: false,
      reason: 'the session has ended; sign in again',
    });
  });

  it('records that a session is in use a quarter of the idle timeout after the last record, not at every request', () => {
    const session = given(started('s1', '09:00'))!.live.s1;
    expect(sessionSeenDue(session, new Date(at('09:07')), timeouts)).toBe(false);
    expect(sessionSeenDue(session, new Date('2026-12-03T09:07:30.000Z'), timeouts)).toBe(true);
  });

  it('forgets sessions older than the longest a session can live, as newer ones start', () => {
    const old = started('old', '09:00');
    const month = {
      ...started('new', '09:00'),
      data: { ...started('new', '09:00').data, startedAt: '2027-01-03T09:00:00.000Z' },
    } as SessionEvent;
    expect(Object.keys(given(old, month)!.live)).toEqual(['new']);
  });
});
