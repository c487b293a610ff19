import type { PersonEvent } from './person';
import type { SessionEvent } from './session';
import type { InspectionActivityEvent } from './inspection-activity';
import type { PaperIssued } from './issued-paper';

/**
 * The facts of an item's and an inspection report's life, in the past tense. `data` holds the domain
 * facts only: who did it, when and under which command travel in the event store's metadata. Where a
 * rule of the lifecycle needs a person (the DCC who approves is never the officer who submitted), that
 * person is a fact of the event and is kept in `data`.
 */

/** A calendar date, ISO-8601 `YYYY-MM-DD`: due dates, publication and fieldwork dates. */
export type IsoDate = string;

export type ItemKind = 'recommendation' | 'cause_of_concern' | 'area_for_improvement';

/** The HMICFRS level, which decides how an item is closed (docs/architecture.md, "HMICFRS levels decide the road to closure"). */
export type Level = 1 | 2 | 3 | 4;

/** Level 1 means "closed and archived by HMICFRS": an item gets there by CLOSE_AND_ARCHIVE, never by a level change. */
export type SettableLevel = 2 | 3 | 4;

export type Rag = 'red' | 'amber' | 'green';

/** What every piece of evidence has, wherever the document is. */
interface EvidenceFacts {
  evidenceId: string;
  title: string;
  isChiefConstableLetter: boolean;
}

/**
 * A document uploaded to the evidence store: its bytes are kept under their SHA-256, which the server
 * computed as they arrived, so an approval names exactly what the DCC could open. docs/architecture.md,
 * "Evidence documents".
 */
export interface StoredDocument extends EvidenceFacts {
  sha256: string;
  file: {
    /** The name it had on the uploader's computer, without folders or control characters. */
    name: string;
    /** What its bytes are (detected from them, never taken from the name or the browser). */
    mediaType: string;
    /** In bytes. */
    size: number;
  };
}

/**
 * A document kept in another system (a case file, a SharePoint library, the force's tracker): where it is
 * and what it is. The system never holds it; an approval names the reference. `sha256` is a fingerprint
 * someone typed, only on evidence attached before documents could be uploaded.
 */
export interface EvidenceHeldElsewhere extends EvidenceFacts {
  heldElsewhere: { location: string; description: string };
  sha256?: string;
}

export type Evidence = StoredDocument | EvidenceHeldElsewhere;

/** Evidence as named by an approval: a stored document by its hash, a reference by where it is held. */
export interface EvidenceRef {
  evidenceId: string;
  sha256?: string;
  location?: string;
}

/** Why two items belong together: the same national recommendation in two reports, or evidence that serves both. */
export type LinkRelation = 'same_national_recommendation' | 'shares_evidence';

export type InspectionType = 'peel' | 'thematic' | 'jtai' | 'super_complaint' | 're_visit' | 'other';

/** HMICFRS's five grades since the 2021 PEEL framework, best first (the papers' columns). */
export const GRADES = ['outstanding', 'good', 'adequate', 'requires_improvement', 'inadequate'] as const;
export type Grade = (typeof GRADES)[number];

/** One graded area of a report: "Investigating crime: Requires improvement". */
export interface GradedArea {
  area: string;
  grade: Grade;
}

interface Fact<Type extends string, Data> {
  type: Type;
  data: Data;
}

export type RecommendationOpened = Fact<
  'RecommendationOpened',
  {
    id: string;
    /** The HMICFRS reference, e.g. "9159". */
    reference: string;
    kind: ItemKind;
    inspectionId: string;
    text: string;
    level: Level;
    /** Whom HMICFRS addressed it to, e.g. "Chief Constables". */
    addressee: string;
    portfolio: string;
    owner?: string;
    dueDate?: IsoDate;
    /**
     * Where HMICFRS gave the due date as a span of the report's publication ("within three months"):
     * `dueDate` is worked out from it. Absent where a date was given, and on items opened before spans
     * were kept; no version change: absent reads as a date given as such.
     */
    dueWithin?: DueWithin;
  }
>;

/** A due date given as a span: so many months from the report's publication. */
export interface DueWithin {
  months: number;
  of: 'publication';
}
export type RagRated = Fact<'RagRated', { rag: Rag }>;
export type ProgressNoted = Fact<'ProgressNoted', { text: string }>;
export type EvidenceAttached = Fact<'EvidenceAttached', Evidence>;
export type EvidenceRemoved = Fact<'EvidenceRemoved', { evidenceId: string }>;
export type OwnerAssigned = Fact<'OwnerAssigned', { owner: string }>;
/** `reason` is `null` only for an item's first due date, which needs none: there was nothing to change. */
export type DueDateChanged = Fact<'DueDateChanged', { from: IsoDate | null; to: IsoDate; reason: string | null }>;
export type SubmittedForClosure = Fact<'SubmittedForClosure', { submittedBy: string; evidence: Evidence[] }>;
export type SubmissionWithdrawn = Fact<'SubmissionWithdrawn', Record<string, never>>;
export type ClosureReturned = Fact<'ClosureReturned', { reason: string }>;
/**
 * Where an approval or a verification was given outside the system and only recorded here: a force's
 * tracker said so, and an import brought it in. It is history, not a decision made here, and is shown
 * that way ("from tracker.xlsx row 12"); who ran the import is the event's metadata (`causedBy`).
 */
export interface TrackerRecord {
  fileName: string;
  row: number;
}

/**
 * What the DCC or HMICFRS said with a decision (optional for an approval or a verification); `null` also on
 * decisions recorded before comments were kept (version 1, read through `upcast`).
 */
export type DecisionComment = string | null;

/**
 * Whether the DCC confirmed approving an item rated Amber or Red, not Green (`confirmRating`): `false` where
 * they did not (a Green item needs no confirmation; a tracker's approval was given outside the system), `null`
 * on approvals recorded before it was asked (version 2, read through `upcast`), which replay as accepted.
 */
export type RatingConfirmed = boolean | null;

export type SelfCertified = Fact<
  'SelfCertified',
  {
    approvedBy: string;
    level: Level;
    evidence: EvidenceRef[];
    fromTracker?: TrackerRecord;
    comment: DecisionComment;
    ratingConfirmed: RatingConfirmed;
  }
>;
export type SubmittedToHmicfrs = Fact<
  'SubmittedToHmicfrs',
  { approvedBy: string; evidence: EvidenceRef[]; fromTracker?: TrackerRecord; comment: DecisionComment; ratingConfirmed: RatingConfirmed }
>;
/**
 * The inspection at which HMICFRS verified an item: inspection activity recorded here (by its id, as an
 * owner is kept by theirs), or one the inspector names that was never recorded.
 */
export type VerifyingInspection = { activityId: string } | { named: string };

/**
 * `verifiedBy` is the HMICFRS person (or an import's stand-in, with `fromTracker`); events recorded before
 * it was kept have neither, and replay as they were accepted. `inspection` is `null` where nobody said
 * (a tracker's verification, and every one recorded before it was asked: version 1).
 */
export type HmicfrsVerified = Fact<
  'HmicfrsVerified',
  { verifiedBy?: string; fromTracker?: TrackerRecord; comment: DecisionComment; inspection: VerifyingInspection | null }
>;
export type HmicfrsRejected = Fact<'HmicfrsRejected', { reason: string }>;
export type LevelChanged = Fact<'LevelChanged', { from: Level; to: SettableLevel; reason: string }>;
export type ClosedAndArchived = Fact<'ClosedAndArchived', { fromLevel: Level }>;
/**
 * A closed item taken back into the work: it needs a fresh RAG rating (`freshRating`, so back to open)
 * and is due again by `dueDate`. Reopenings recorded before those were asked (version 1) kept the old
 * rating and due date: `upcast` reads them so, and they replay as they happened.
 */
export type Reopened = Fact<'Reopened', { reason: string; dueDate: IsoDate | null; freshRating: boolean }>;
export type MarkedNotApplicable = Fact<'MarkedNotApplicable', { reason: string; addressedTo: string }>;
export type RecommendationLinked = Fact<'RecommendationLinked', { otherId: string; relation: LinkRelation }>;

/** Why someone was reminded of an item: its due date is near, it has passed, or nobody has RAG rated it for three months. */
export type ReminderKind = 'due_soon' | 'overdue' | 'not_reviewed';
/** Why an item was taken above its owner: a submission has waited on the DCC too long. */
export type EscalationKind = 'awaiting_approval';
/**
 * Someone was told about an item, so its history shows who knew and when. `to` is the user told (the
 * owner) or, where the item names nobody, the role that stands in. `on` is the day the reminders ran for.
 */
export type ReminderIssued = Fact<'ReminderIssued', { kind: ReminderKind; to: string; on: IsoDate; dueDate: IsoDate | null }>;
/** An item was taken to the people above its owner: `to` is a role (any DCC may approve), `waitingSince` the submission's day. */
export type Escalated = Fact<'Escalated', { kind: EscalationKind; to: string; on: IsoDate; waitingSince: IsoDate }>;

export type RecommendationEvent =
  | RecommendationOpened
  | RagRated
  | ProgressNoted
  | EvidenceAttached
  | EvidenceRemoved
  | OwnerAssigned
  | DueDateChanged
  | SubmittedForClosure
  | SubmissionWithdrawn
  | ClosureReturned
  | SelfCertified
  | SubmittedToHmicfrs
  | HmicfrsVerified
  | HmicfrsRejected
  | LevelChanged
  | ClosedAndArchived
  | Reopened
  | MarkedNotApplicable
  | RecommendationLinked
  | ReminderIssued
  | Escalated;

export type InspectionReportRecorded = Fact<
  'InspectionReportRecorded',
  {
    id: string;
    reportType: InspectionType;
    title: string;
    publishedOn: IsoDate;
    fieldworkFrom?: IsoDate;
    fieldworkTo?: IsoDate;
    /**
     * The grades the report gives the force, per area (PEEL's areas; a regional inspection's one grade).
     * Absent on reports recorded before grades were, and on reports without grades; no version change:
     * an absent list reads as none.
     */
    gradings?: GradedArea[];
  }
>;

export type InspectionReportEvent = InspectionReportRecorded;

export type DomainEvent = RecommendationEvent | InspectionReportEvent | PersonEvent | SessionEvent | PaperIssued | InspectionActivityEvent;

const NOT_AN_ITEMS: ReadonlySet<string> = new Set<Exclude<DomainEvent, RecommendationEvent>['type']>([
  'InspectionReportRecorded',
  'PersonAdded',
  'SessionStarted',
  'SessionEnded',
  'SessionSeen',
  'PaperIssued',
  'InspectionActivityRecorded',
  'InspectionDebriefNoted',
]);

/** Whether the fact is an item's (what `replay` folds), not an inspection report's, a person's, their sessions', an issued paper's or an inspection activity's. */
export function isRecommendationEvent(event: DomainEvent): event is RecommendationEvent {
  return !NOT_AN_ITEMS.has(event.type);
}
