import type { DomainEvent } from './events';
import { UnreadableEvent } from './errors';

/** An event as the store gives it back; the event store's `RecordedEvent` has this shape. */
export interface StoredEvent {
  type: string;
  data: unknown;
  metadata: { schemaVersion: number };
}

/**
 * The schema version each event type is written with (the event store keeps it in the metadata).
 * When an event's data changes shape, its version goes up here and `upcast` lifts the older versions
 * to the current one, so stored events are never rewritten.
 */
export const schemaVersions: Readonly<Record<DomainEvent['type'], number>> = {
  RecommendationOpened: 1,
  RagRated: 1,
  ProgressNoted: 1,
  EvidenceAttached: 1,
  EvidenceRemoved: 1,
  OwnerAssigned: 1,
  DueDateChanged: 1,
  SubmittedForClosure: 1,
  SubmissionWithdrawn: 1,
  ClosureReturned: 1,
  SelfCertified: 1,
  SubmittedToHmicfrs: 1,
  HmicfrsVerified: 1,
  HmicfrsRejected: 1,
  LevelChanged: 1,
  ClosedAndArchived: 1,
  Reopened: 1,
  MarkedNotApplicable: 1,
  RecommendationLinked: 1,
  ReminderIssued: 1,
  Escalated: 1,
  InspectionReportRecorded: 1,
};

/** Every stored event passes here before it is folded. No schema has changed yet, so nothing is lifted. */
export function upcast(stored: StoredEvent): DomainEvent {
  const { type, data, metadata } = stored;
  if (!isKnownType(type) || metadata.schemaVersion !== schemaVersions[type]) {
    throw new UnreadableEvent(type, metadata.schemaVersion);
  }
  // The data was written by `decide` with this schema version; the store does not change it.
  return { type, data } as DomainEvent;
}

function isKnownType(type: string): type is DomainEvent['type'] {
  return Object.hasOwn(schemaVersions, type);
}
