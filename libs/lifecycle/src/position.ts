import type { Level, RecommendationEvent } from './events';
import { EventDoesNotFit } from './errors';
import { openedItem } from './item';
import { recommendationMachine, type RecommendationState } from './recommendation.machine';
import { inertScope, PLACEHOLDER } from './replay';
import { rules } from './rules';
import { describeStatus, isClosed, isInProgress, statusOf, type Status } from './status';

/**
 * Where an item stands in the lifecycle, for a read model that follows its stored events: the machine's
 * state and the few facts of the item that decide which way an event takes it.
 */
export interface LifecyclePosition {
  readonly status: Status;
  readonly closed: boolean;
  readonly inProgress: boolean;
  readonly level: Level;
  /** A submission for closure is pending or approved: not withdrawn, returned, rejected or reopened since. */
  readonly submitted: boolean;
  /** The position as text, for a read model to keep and `restorePosition` to read back. */
  readonly saved: string;
}

/**
 * The position after a stored event, as the machine takes it. Stored events were accepted when they were
 * decided, so only the `branch` rules (which way an approval, a level change or a reopening goes) are
 * asked again; they read the item's level, whether it has a RAG, and a level change's new level, and
 * nothing else, so each position and event of that kind is worked out through the machine once and
 * remembered: a rebuild follows hundreds of thousands of events, and a machine transition per event
 * cost a fifth of it. Throws `EventDoesNotFit` for an event no transition takes.
 */
export function follow(position: LifecyclePosition | undefined, event: RecommendationEvent): LifecyclePosition {
  if (position === undefined) {
    if (event.type !== 'RecommendationOpened') throw new EventDoesNotFit(event.type, 'an item not yet opened');
    return at({ value: 'open', level: event.data.level, rated: false, submitted: false });
  }
  return (position as Position).after(event);
}

export function restorePosition(saved: string): LifecyclePosition {
  return at(JSON.parse(saved) as Facts);
}

/** What decides where the machine goes from here, besides the event. */
interface Facts {
  value: RecommendationState['value'];
  level: Level;
  rated: boolean;
  submitted: boolean;
}

/** The machine with its requirements taken as met: only which way an accepted event goes is in question. */
const follower = recommendationMachine.provide({
  guards: {
    requires: ({ context, event }, { rules: names }) =>
      names.every((name) => rules[name].kind !== 'branch' || rules[name].holds(context, event)),
  },
});

/** One object per position, so that what follows from it is remembered on it. */
const positions = new Map<string, Position>();

function at(facts: Facts): Position {
  const saved = JSON.stringify(facts);
  let position = positions.get(saved);
  if (position === undefined) {
    position = new Position(facts, saved);
    positions.set(saved, position);
  }
  return position;
}

class Position implements LifecyclePosition {
  readonly status: Status;
  readonly closed: boolean;
  readonly inProgress: boolean;
  readonly level: Level;
  readonly submitted: boolean;
  /** A machine state standing for every item at this position: its other facts play no part in where it goes. */
  private readonly state: RecommendationState;
  private readonly next = new Map<string, Position>();

  constructor(
    facts: Facts,
    readonly saved: string,
  ) {
    this.state = follower.resolveState({
      value: facts.value,
      context: {
        ...openedItem({ ...PLACEHOLDER, level: facts.level }),
        rag: facts.rated ? 'amber' : null,
        submission: facts.submitted ? { submittedBy: PLACEHOLDER.id, evidence: [] } : null,
      },
    });
    this.status = statusOf(this.state);
    this.closed = isClosed(this.state);
    this.inProgress = isInProgress(this.state);
    this.level = facts.level;
    this.submitted = facts.submitted;
  }

  after(event: RecommendationEvent): Position {
    const way =
      event.type === 'LevelChanged'
        ? `${event.type}:${event.data.to}`
        : event.type === 'Reopened'
          ? `${event.type}:${event.data.freshRating}`
          : event.type;
    let position = this.next.get(way);
    if (position === undefined) {
      const next = follower.transition(this.state, event, inertScope(follower));
      // The machine returns the very same snapshot when no transition takes the event.
      if (next === this.state) throw new EventDoesNotFit(event.type, `an item ${describeStatus(this.state)}`);
      const { level, rag, submission } = next.context;
      position = at({ value: next.value, level, rated: rag !== null, submitted: submission !== null });
      this.next.set(way, position);
    }
    return position;
  }
}
