import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '@hmicfrs/clock';
import { WrongExpectedRevision, type EventStore, type RecordedEvent } from '@hmicfrs/event-store';
import type { DomainEvent, SystemActor } from '@hmicfrs/lifecycle';
import type { Actor } from '@hmicfrs/auth';
import type { CommandRequest } from './command-request';
import { HistoryAltered } from './errors';
import type { HistoryIntegrity } from './history-integrity';
import { commandIdOf, earlierEvents, enveloped } from './event-envelope';
import { occurredAt } from './occurred-at';
import { RecentItems, type Folded } from './recent-items';
import { StreamLocks } from './stream-locks';
import type { WrittenPositions } from './written-positions';

/** How one kind of stream is read: its events folded into the state its commands are decided on. */
export interface StreamFold<State> {
  /** The state after `events`, carried on from `from` (the fold up to an earlier revision), or from nothing. */
  fold(events: readonly RecordedEvent[], from?: Folded<State>): State | undefined;
  /** The state after facts just decided (not yet stored events). */
  evolve(state: State | undefined, events: readonly DomainEvent[]): State;
}

/** One write: the stream, the command (its fingerprint and reason go into the metadata) and how to decide it. */
export interface Write<State> {
  stream: string;
  command: object;
  /**
   * What the sender asked, when the command also holds what was drawn up from the record (a paper's
   * hash, the moment it was drawn up): a retry is the same request when this is the same. The command itself otherwise.
   */
  sent?: object;
  /** Whether the command may be decided at all on the stream as it stands: the item exists, the policy table allows the caller. Throws a typed refusal. */
  check?(state: State | undefined): void | Promise<void>;
  /**
   * The facts the command records on the stream as it stands (`undefined` before its first event), or a
   * thrown typed refusal. May ask the store (does the linked item exist?). Decided afresh on every try.
   */
  decide(state: State | undefined): DomainEvent[] | Promise<DomainEvent[]>;
}

/** What a write answers: the stream's state after it, and the events it recorded (the first time's, for a retry). */
export interface Written<State> {
  state: State;
  revision: number;
  events: RecordedEvent[];
  /** True when this command id was already in the stream: nothing new was written. */
  replayed: boolean;
}

/** Tries per command when another process moves the stream on between the read and the append. */
const ATTEMPTS = 8;

/**
 * The one road for every write (docs/architecture.md, "The command pipeline"): read the stream, fold it,
 * decide, append with the revision that was read. It alone stamps the events' metadata and answers
 * retries. A conflict the client did not ask about (no `If-Match`) is not the client's problem: the
 * command is decided again on what the other writer left, and only a real refusal reaches the caller.
 */
export class CommandPipeline {
  private readonly locks = new StreamLocks();

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly integrity?: HistoryIntegrity,
    private readonly positions?: WrittenPositions,
  ) {}

  /** A fold of one kind of stream that keeps the last `capacity` streams it folded. */
  streams<State>(fold: StreamFold<State>, capacity: number): FoldedStreams<State> {
    return new FoldedStreams(this.store, fold, capacity);
  }

  handle<State>(streams: FoldedStreams<State>, write: Write<State>, request: CommandRequest<Actor | SystemActor>): Promise<Written<State>> {
    const commandId = commandIdOf(request);
    return this.locks.run(write.stream, async () => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          const written = await this.attempt(streams, write, request, commandId);
          // Its last event, written now or by the first of its retries: what the request's answer may wait for.
          const last = written.events[written.events.length - 1];
          if (last !== undefined) this.positions?.record(last.position);
          return written;
        } catch (error) {
          const retry = error instanceof WrongExpectedRevision && request.expectedRevision === undefined && attempt < ATTEMPTS;
          if (!retry) throw error;
          // Another process won the race: give it a moment to finish its burst, then decide again.
          await sleep(Math.random() * 2 ** attempt);
        }
      }
    });
  }

  private async attempt<State>(
    streams: FoldedStreams<State>,
    write: Write<State>,
    request: CommandRequest<Actor | SystemActor>,
    commandId: string,
  ): Promise<Written<State>> {
    // Without a key the command's id is new, so no stored event can hold it: only a keyed command
    // looks through the whole stream for what it wrote the first time.
    if (request.idempotencyKey !== undefined || request.commandId !== undefined) {
      const earlier = await streams.earlier(write, request, commandId);
      if (earlier !== undefined) return earlier;
    }
    await this.refuseAltered(write.stream);
    const current = await streams.current(write.stream);
    const revision = current?.revision ?? -1;
    await write.check?.(current?.state);
    if (request.expectedRevision !== undefined && request.expectedRevision !== revision) {
      throw new WrongExpectedRevision(write.stream, request.expectedRevision, revision);
    }
    const when = occurredAt(request.occurredAt, this.clock(), current?.lastOccurredAt);
    const events = await write.decide(current?.state);
    // A command that records nothing (signing out of a session already ended) writes nothing: the store
    // refuses an empty append. The state is the stream's as it stands (none only for a stream still empty).
    if (events.length === 0) return { state: current?.state as State, revision, events: [], replayed: false };
    const result = await streams.append(write.stream, enveloped(events, request, commandId, write.sent ?? write.command, when), revision);
    // The same key sent twice at once: the store kept the first; answer as the first did.
    if (result.duplicate) return (await streams.earlier(write, request, commandId))!;
    const state = streams.remember(write.stream, current, events, result.events);
    return { state, revision: result.revision, events: result.events, replayed: false };
  }

  private async refuseAltered(stream: string): Promise<void> {
    const problems = (await this.integrity?.problemsOf(stream)) ?? [];
    if (problems.length > 0) throw new HistoryAltered(stream, problems);
  }
}

/** Streams of one kind as this process last folded them, carried on through whatever was recorded since. */
export class FoldedStreams<State> {
  private readonly recent: RecentItems<State>;

  constructor(
    private readonly store: EventStore,
    private readonly folding: StreamFold<State>,
    capacity: number,
  ) {
    this.recent = new RecentItems<State>(capacity);
  }

  /** The stream now; undefined when it holds no event. */
  async current(stream: string): Promise<Folded<State> | undefined> {
    const known = this.recent.get(stream);
    const since = await this.store.readStream(stream, { fromRevision: known === undefined ? 0 : known.revision + 1 });
    if (since.length === 0) return known;
    const last = since[since.length - 1];
    const folded = { state: this.folding.fold(since, known) as State, revision: last.revision, lastOccurredAt: last.metadata.occurredAt };
    this.recent.remember(stream, folded);
    return folded;
  }

  /** The first answer again, for a command id the stream already holds: the stream as it stood right after it. */
  async earlier(write: Write<State>, request: CommandRequest<Actor | SystemActor>, commandId: string): Promise<Written<State> | undefined> {
    const stored = await this.store.readStream(write.stream);
    const mine = earlierEvents(stored, commandId, write.sent ?? write.command, request);
    if (mine === undefined) return undefined;
    const last = mine[mine.length - 1];
    return { state: this.folding.fold(stored.slice(0, last.revision + 1)) as State, revision: last.revision, events: mine, replayed: true };
  }

  async append(stream: string, events: Parameters<EventStore['append']>[1], revision: number) {
    try {
      return await this.store.append(stream, events, revision === -1 ? 'no_stream' : revision);
    } catch (error) {
      // Someone else moved the stream on (or the store was restored to before it): fold it afresh.
      if (error instanceof WrongExpectedRevision) this.recent.forget(stream);
      throw error;
    }
  }

  /** The state after the facts just appended, kept for the next command on the stream. */
  remember(stream: string, before: Folded<State> | undefined, facts: readonly DomainEvent[], recorded: RecordedEvent[]): State {
    const state = this.folding.evolve(before?.state, facts);
    const last = recorded[recorded.length - 1];
    this.recent.remember(stream, { state, revision: last.revision, lastOccurredAt: last.metadata.occurredAt });
    return state;
  }
}
