import type { DomainEvent, EvidenceHeldElsewhere } from './events';
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
  EvidenceAttached: 2,
  EvidenceRemoved: 1,
  OwnerAssigned: 1,
  DueDateChanged: 1,
  SubmittedForClosure: 2,
  SubmissionWithdrawn: 1,
  ClosureReturned: 1,
  SelfCertified: 3,
  SubmittedToHmicfrs: 3,
  HmicfrsVerified: 2,
  HmicfrsRejected: 1,
  LevelChanged: 1,
  ClosedAndArchived: 1,
  Reopened: 2,
  MarkedNotApplicable: 1,
  RecommendationLinked: 1,
  ReminderIssued: 1,
  Escalated: 1,
  InspectionReportRecorded: 1,
  PersonAdded: 1,
  SessionStarted: 1,
  SessionEnded: 1,
  SessionSeen: 1,
  PaperIssued: 1,
  InspectionActivityRecorded: 1,
  InspectionDebriefNoted: 1,
};

/**
 * Lifts an older version of an event's data to the current one, by type: `from` is the stored version.
 * Each lift takes one version to the next, so an event two versions behind passes through two.
 */
const lifts: { [Type in DomainEvent['type']]?: Record<number, (data: never) => unknown> } = {
  // Version 1 evidence was a title and a SHA-256 someone typed: the system never held the document.
  EvidenceAttached: { 1: (data: EvidenceV1) => typedFingerprint(data) },
  SubmittedForClosure: {
    1: (data: { submittedBy: string; evidence: EvidenceV1[] }) => ({ ...data, evidence: data.evidence.map(typedFingerprint) }),
  },
  // Decisions recorded before comments (and the verifying inspection) were asked for said none.
  // Approvals before version 3 were never asked to confirm a rating not Green: nobody said either way.
  SelfCertified: { 1: (data: object) => ({ ...data, comment: null }), 2: (data: object) => ({ ...data, ratingConfirmed: null }) },
  SubmittedToHmicfrs: { 1: (data: object) => ({ ...data, comment: null }), 2: (data: object) => ({ ...data, ratingConfirmed: null }) },
  HmicfrsVerified: { 1: (data: object) => ({ ...data, comment: null, inspection: null }) },
  // Reopenings before version 2 left the rating and the due date as they were.
  Reopened: { 1: (data: { reason: string }) => ({ ...data, dueDate: null, freshRating: false }) },
};

/** Evidence as version 1 recorded it (before documents could be uploaded). */
interface EvidenceV1 {
  evidenceId: string;
  title: string;
  sha256: string;
  isChiefConstableLetter: boolean;
}

/** Where version 1 evidence is said to be: the event never said, and is not rewritten to say it. */
export const LOCATION_NOT_RECORDED = 'Not recorded';

/** Version 1 evidence read as what it was: a reference to a document held elsewhere, with the fingerprint typed for it. */
function typedFingerprint({ evidenceId, title, sha256, isChiefConstableLetter }: EvidenceV1): EvidenceHeldElsewhere {
  return {
    evidenceId,
    title,
    isChiefConstableLetter,
    sha256,
    heldElsewhere: {
      location: LOCATION_NOT_RECORDED,
      description: 'Attached before documents could be uploaded: only a SHA-256 fingerprint of it was recorded',
    },
  };
}

/**
 * Every stored event passes here before it is folded: older versions are lifted (`lifts`), the stored
 * event itself is never changed. An unknown type, or a version with no lift, is `UnreadableEvent`.
 */
export function upcast(stored: StoredEvent): DomainEvent {
  const { type, metadata } = stored;
  if (!isKnownType(type)) throw new UnreadableEvent(type, metadata.schemaVersion);
  const current = schemaVersions[type];
  let data = stored.data;
  for (let version = metadata.schemaVersion; version !== current; version += 1) {
    const lift = lifts[type]?.[version];
    if (!lift || version > current) throw new UnreadableEvent(type, metadata.schemaVersion);
    data = (lift as (data: unknown) => unknown)(data);
  }
  // The data was written by `decide` with this schema version, or lifted to it.
  return { type, data } as DomainEvent;
}

function isKnownType(type: string): type is DomainEvent['type'] {
  return Object.hasOwn(schemaVersions, type);
}
