import type { Actor, Evidence, LifecycleCommand, OpenRecommendation, Status } from '@hmicfrs/lifecycle';
import type { RegisterRow } from './register-row';

/** The system users an import acts as: one per role, so the DCC who approves is never the one who submitted. */
export interface ImportActors {
  liaison: Actor;
  dcc: Actor;
  hmicfrs: Actor;
}

export function importActors(importId: string): ImportActors {
  return {
    liaison: { userId: `import:${importId}`, role: 'liaison' },
    dcc: { userId: `import:${importId}:dcc`, role: 'dcc' },
    hmicfrs: { userId: `import:${importId}:hmicfrs`, role: 'hmicfrs' },
  };
}

/** One command of a row's road to its status, as whom, and when it happened. */
export interface ImportStep {
  /** Names the step in its idempotency key, so a second run of the same file replays instead of writing. */
  name: string;
  as: keyof ImportActors;
  command: OpenRecommendation | LifecycleCommand;
  /** ISO-8601, or undefined for "when the import runs". */
  occurredAt: string | undefined;
}

/** How far along the lifecycle each status is: the commands that lead there, in order. */
const ROAD: Record<Status, readonly Milestone[]> = {
  open: [],
  rag_rated: ['rate'],
  submitted: ['rate', 'evidence', 'submit'],
  self_certified: ['rate', 'evidence', 'submit', 'approve'],
  awaiting_hmicfrs: ['rate', 'evidence', 'submit', 'approve'],
  hmicfrs_verified: ['rate', 'evidence', 'submit', 'approve', 'verify'],
  archived: ['archive'],
  not_applicable: ['not-applicable'],
};
type Milestone = 'rate' | 'evidence' | 'letter' | 'submit' | 'approve' | 'verify' | 'archive' | 'not-applicable';

/**
 * The commands that bring an imported row to its status, through the same rules as any user's:
 * opened as at the report's publication, the rest as at the status date. Where the tracker says the
 * work was submitted or approved, the evidence is a placeholder that says it came from the tracker
 * (the documents stay where the force keeps them); a Chief Constable letter is recorded only where the
 * tracker says the DCC approved a level 2 or 3 item, which cannot happen without one.
 * Returns a reason instead when the row cannot reach its status at all.
 */
export function importSteps(row: RegisterRow, source: { fileName: string; sha256: string }): ImportStep[] | { reason: string } {
  const milestones = [...ROAD[row.status]];
  if (row.rag === undefined && milestones.includes('rate')) {
    return { reason: `an item that is ${row.status} has been RAG rated: give its rag (red, amber or green)` };
  }
  if (row.rag !== undefined && row.status === 'open') {
    return { reason: 'an open item has no RAG rating yet: give the status rag_rated, or leave rag empty' };
  }
  // Archived or not-applicable items keep the RAG they had, if the tracker gives one.
  if (row.rag !== undefined && !milestones.includes('rate')) milestones.unshift('rate');
  // Levels 2 and 3 are approved on a Chief Constable letter; the tracker saying they were approved says there was one.
  if (milestones.includes('approve') && (row.level === 2 || row.level === 3)) milestones.splice(milestones.indexOf('submit'), 0, 'letter');

  const opened = `${row.inspection.publishedOn}T00:00:00.000Z`;
  const reached = row.statusDate === undefined ? undefined : `${row.statusDate}T12:00:00.000Z`;
  const open: ImportStep = {
    name: 'open',
    as: 'liaison',
    command: {
      type: 'OPEN_RECOMMENDATION',
      id: row.reference,
      reference: row.reference,
      kind: row.kind,
      inspectionId: row.inspection.id,
      text: row.text,
      level: row.level,
      addressee: row.addressee,
      portfolio: row.portfolio,
      ...(row.owner === undefined ? {} : { owner: row.owner }),
      ...(row.dueDate === undefined ? {} : { dueDate: row.dueDate }),
    },
    occurredAt: opened,
  };
  const steps: ImportStep[] = [open];
  const at = (name: string, as: ImportStep['as'], command: LifecycleCommand): void => {
    steps.push({ name, as, command, occurredAt: reached });
  };
  // An item never rated takes its note while it is still open.
  if (row.progressNote !== undefined && !milestones.includes('rate'))
    at('note', 'liaison', { type: 'NOTE_PROGRESS', text: row.progressNote });
  for (const milestone of milestones) {
    switch (milestone) {
      case 'rate':
        at('rate', 'liaison', { type: 'RATE', rag: row.rag as NonNullable<RegisterRow['rag']> });
        if (row.progressNote !== undefined) at('note', 'liaison', { type: 'NOTE_PROGRESS', text: row.progressNote });
        break;
      case 'evidence':
        at('evidence', 'liaison', {
          type: 'ATTACH_EVIDENCE',
          ...placeholder('imported-evidence', 'Evidence recorded in the recommendation action tracker', source, false),
        });
        break;
      case 'letter':
        at('letter', 'liaison', {
          type: 'ATTACH_EVIDENCE',
          ...placeholder('imported-cc-letter', 'Chief Constable letter recorded in the recommendation action tracker', source, true),
        });
        break;
      case 'submit':
        at('submit', 'liaison', { type: 'SUBMIT' });
        break;
      // The tracker's record of a decision taken outside the system, kept as what it is (libs/lifecycle's `TrackerRecord`).
      case 'approve':
        at('approve', 'dcc', { type: 'APPROVE', fromTracker: { fileName: source.fileName, row: row.row } });
        break;
      case 'verify':
        at('verify', 'hmicfrs', { type: 'VERIFY', fromTracker: { fileName: source.fileName, row: row.row } });
        break;
      case 'archive':
        at('archive', 'hmicfrs', { type: 'CLOSE_AND_ARCHIVE' });
        break;
      case 'not-applicable':
        at('not-applicable', 'liaison', {
          type: 'MARK_NOT_APPLICABLE',
          reason: 'Not applicable to the force, as recorded in the recommendation action tracker',
          addressedTo: row.addressee,
        });
        break;
      default: {
        const _: never = milestone;
        return _;
      }
    }
  }
  return steps;
}

/** Evidence held elsewhere: the tracker records it, the document stays where the force keeps it (the item page offers to upload it). */
function placeholder(
  evidenceId: string,
  what: string,
  source: { fileName: string; sha256: string },
  isChiefConstableLetter: boolean,
): Evidence {
  const title = `${what} (imported from ${source.fileName}; the document itself was not uploaded)`;
  return {
    evidenceId,
    title,
    isChiefConstableLetter,
    heldElsewhere: {
      location: `The force's recommendation action tracker (${source.fileName})`,
      description: `${what}, recorded in the force's tracker`,
    },
  };
}
