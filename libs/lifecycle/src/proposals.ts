import type { Actor, LifecycleCommand, SystemActor } from './commands';
import { evidenceOf, evidenceRef } from './evidence';
import type { RecommendationEvent, TrackerRecord, VerifyingInspection } from './events';
import type { Item } from './item';

/**
 * The events a command would record on this item, as the machine should be asked about them. One,
 * except APPROVE: whether an approval self-certifies or goes to HMICFRS is the machine's to say (by level),
 * so both are proposed and the first one the machine takes is recorded.
 */
export function proposedEvents(item: Item, command: LifecycleCommand, actor: Actor | SystemActor): RecommendationEvent[] {
  switch (command.type) {
    case 'RATE':
      return [{ type: 'RagRated', data: { rag: command.rag } }];
    case 'NOTE_PROGRESS':
      return [{ type: 'ProgressNoted', data: { text: command.text } }];
    case 'ATTACH_EVIDENCE':
      return [{ type: 'EvidenceAttached', data: evidenceOf(command) }];
    case 'REMOVE_EVIDENCE':
      return [{ type: 'EvidenceRemoved', data: { evidenceId: command.evidenceId } }];
    case 'ASSIGN_OWNER':
      return [{ type: 'OwnerAssigned', data: { owner: command.owner } }];
    case 'CHANGE_DUE_DATE':
      return [{ type: 'DueDateChanged', data: { from: item.dueDate, to: command.dueDate, reason: command.reason?.trim() || null } }];
    case 'SUBMIT':
      return [{ type: 'SubmittedForClosure', data: { submittedBy: actor.userId, evidence: item.evidence.map(evidenceOf) } }];
    case 'WITHDRAW':
      return [{ type: 'SubmissionWithdrawn', data: {} }];
    case 'APPROVE': {
      // The approval names the evidence exactly as submitted: what the DCC saw.
      const approved = (item.submission?.evidence ?? []).map(evidenceRef);
      const tracker = fromTracker(command);
      const decision = { ...tracker, comment: commentOf(command), ratingConfirmed: command.confirmRating === true };
      return [
        { type: 'SelfCertified', data: { approvedBy: actor.userId, level: item.level, evidence: approved, ...decision } },
        { type: 'SubmittedToHmicfrs', data: { approvedBy: actor.userId, evidence: approved, ...decision } },
      ];
    }
    case 'RETURN':
      return [{ type: 'ClosureReturned', data: { reason: command.reason } }];
    case 'VERIFY':
      return [
        {
          type: 'HmicfrsVerified',
          data: {
            verifiedBy: actor.userId,
            ...fromTracker(command),
            comment: commentOf(command),
            inspection: inspectionOf(command.inspection),
          },
        },
      ];
    case 'REJECT':
      return [{ type: 'HmicfrsRejected', data: { reason: command.reason } }];
    case 'CHANGE_LEVEL':
      return [{ type: 'LevelChanged', data: { from: item.level, to: command.level, reason: command.reason } }];
    case 'CLOSE_AND_ARCHIVE':
      return [{ type: 'ClosedAndArchived', data: { fromLevel: item.level } }];
    case 'REOPEN':
      return [{ type: 'Reopened', data: { reason: command.reason, dueDate: command.dueDate, freshRating: true } }];
    case 'MARK_NOT_APPLICABLE':
      return [{ type: 'MarkedNotApplicable', data: { reason: command.reason, addressedTo: command.addressedTo } }];
    case 'LINK':
      return [{ type: 'RecommendationLinked', data: { otherId: command.otherId, relation: command.relation } }];
    default: {
      const _: never = command;
      return _;
    }
  }
}

/** A comment left blank is no comment. */
function commentOf(command: { comment?: string }): string | null {
  const comment = command.comment?.trim();
  return comment ? comment : null;
}

function inspectionOf(inspection: VerifyingInspection | undefined): VerifyingInspection | null {
  if (inspection === undefined) return null;
  return 'activityId' in inspection ? { activityId: inspection.activityId } : { named: inspection.named.trim() };
}

function fromTracker(command: { fromTracker?: TrackerRecord }): { fromTracker?: TrackerRecord } {
  return command.fromTracker === undefined ? {} : { fromTracker: { fileName: command.fromTracker.fileName, row: command.fromTracker.row } };
}
