import type { Role } from '@hmicfrs/auth';
import { STATUS_LABELS } from '@hmicfrs/projections';
import type { InspectionType, ItemKind, LifecycleCommandType, Rag, RecommendationEvent, Status, SuppliedBy } from '@hmicfrs/lifecycle';
import { COMMAND_ENTRIES } from '../commands/lifecycle-commands';

/** The product's terms as the force's staff say them; every page takes its labels from here. */

/** The same words as the committee report uses. */
export const STATUS: Record<Status, string> = STATUS_LABELS;

/** GOV.UK tag colours: grey while open, blue while with someone for a decision, green once closed. */
export const STATUS_TAG: Record<Status, string> = {
  open: 'govuk-tag--grey',
  rag_rated: 'govuk-tag--light-blue',
  submitted: 'govuk-tag--blue',
  self_certified: 'govuk-tag--turquoise',
  awaiting_hmicfrs: 'govuk-tag--purple',
  hmicfrs_verified: 'govuk-tag--green',
  archived: 'govuk-tag--green',
  not_applicable: 'govuk-tag--grey',
};

export const KIND: Record<ItemKind, string> = {
  recommendation: 'Recommendation',
  cause_of_concern: 'Cause of concern',
  area_for_improvement: 'Area for improvement',
};

export const RAG: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };
export const RAG_TAG: Record<Rag, string> = { red: 'govuk-tag--red', amber: 'govuk-tag--orange', green: 'govuk-tag--green' };

export const ROLE: Record<Role, string> = {
  owner: 'Recommendation owner',
  liaison: 'Force liaison officer',
  dcc: 'Deputy Chief Constable',
  hmicfrs: 'HMICFRS',
  auditor: 'Auditor',
};

export const INSPECTION_TYPE: Record<InspectionType, string> = {
  peel: 'PEEL',
  thematic: 'National thematic',
  jtai: 'Joint targeted area inspection (JTAI)',
  super_complaint: 'Super-complaint',
  re_visit: 'Re-visit',
  other: 'Other',
};

/** Every event's name; typed loosely so an event added to the lifecycle shows by its type until named here. */
export const EVENT: Record<RecommendationEvent['type'], string> & Record<string, string> = {
  RecommendationOpened: 'Opened',
  RagRated: 'RAG rated',
  ProgressNoted: 'Progress noted',
  EvidenceAttached: 'Evidence attached',
  EvidenceRemoved: 'Evidence removed',
  OwnerAssigned: 'Owner assigned',
  DueDateChanged: 'Due date changed',
  SubmittedForClosure: 'Submitted for closure',
  SubmissionWithdrawn: 'Submission withdrawn',
  ClosureReturned: 'Returned by the DCC',
  SelfCertified: 'Approved: self-certified',
  SubmittedToHmicfrs: 'Approved: submitted to HMICFRS',
  HmicfrsVerified: 'Verified by HMICFRS',
  HmicfrsRejected: 'Rejected by HMICFRS',
  LevelChanged: 'Level changed',
  ClosedAndArchived: 'Closed and archived',
  Reopened: 'Reopened',
  MarkedNotApplicable: 'Marked not applicable',
  RecommendationLinked: 'Linked to another item',
  ReminderIssued: 'Reminder sent',
  Escalated: 'Escalated',
};

/** What each command is called on its button and its page: its entry's name. */
export const COMMAND = Object.fromEntries(COMMAND_ENTRIES.map((entry) => [entry.type, entry.name])) as Record<LifecycleCommandType, string>;

export function piecesOfEvidence(count: number): string {
  return count === 1 ? 'one piece of evidence' : `${count} pieces of evidence`;
}

/** Who can supply what a refused command lacks, in words: the owner by name, or the force liaison officer. */
export function supplierInWords(supplier: SuppliedBy, nameOf: (userId: string) => string): string {
  return supplier.role === 'owner' ? `${nameOf(supplier.userId)}, the owner` : 'the force liaison officer';
}
