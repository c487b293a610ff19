import type { LifecycleCommandType } from './commands';
import type { RecommendationEvent } from './events';
import type { Item } from './item';
import { isImportId, isNotAPerson, samePerson } from './people';

/**
 * Every condition of the lifecycle, once: the machine's guards check them, and a refusal quotes the
 * wording of those that failed. A rule reads the item and the event the command would record; it must
 * not throw (a throwing guard puts an actor into an error state), so it narrows the event it needs.
 */
interface Rule {
  /**
   * `requirement`: what the command needs; its wording is the refusal.
   * `branch`: which way an event goes (a level 2 approval closes the item, a level 3 one waits for
   * HMICFRS); a failing branch only explains a refusal when no way is open at all.
   */
  kind: 'requirement' | 'branch';
  holds(item: Item, event: RecommendationEvent): boolean;
  refusal(command: LifecycleCommandType, item: Item): string;
  /** Who can supply what the rule asks for, where someone can (the owner attaches evidence): a page names them. */
  suppliedBy?: Supplier;
  /** The command's own field by which whoever sends it supplies what the rule asks for (the DCC's confirmation). */
  field?: string;
}

/** The people who can put right what a refused command lacks: the item's owner, or the force liaison officer. */
export type Supplier = 'owner' | 'liaison';

/**
 * Who, on one item, can put it right: its owner by id, or the force liaison officer (also for what the
 * owner would supply on an item without one: the liaison officer assigns an owner first).
 */
export type SuppliedBy = { role: 'owner'; userId: string } | { role: 'liaison' };

export function suppliedOn(supplier: Supplier, item: Pick<Item, 'owner'>): SuppliedBy {
  return supplier === 'owner' && item.owner !== null ? { role: 'owner', userId: item.owner } : { role: 'liaison' };
}

const requirement = (holds: Rule['holds'], refusal: Rule['refusal'], suppliedBy?: Supplier): Rule => ({
  kind: 'requirement',
  holds,
  refusal,
  ...(suppliedBy === undefined ? {} : { suppliedBy }),
});
/** A requirement the sender supplies in the command itself, by `field`. */
const asked = (field: string, holds: Rule['holds'], refusal: Rule['refusal']): Rule => ({ kind: 'requirement', holds, refusal, field });
const branch = (holds: Rule['holds']): Rule => ({
  kind: 'branch',
  holds,
  refusal: (command, item) => `${command} is not possible at level ${item.level}`,
});

export const rules = {
  anOwner: requirement(
    (item) => item.owner !== null,
    (command) => `${command} needs an owner`,
    'liaison',
  ),
  someEvidence: requirement(
    (item) => item.evidence.length > 0,
    (command) => `${command} needs at least one piece of evidence`,
    'owner',
  ),
  aLevelTheForceCloses: requirement(
    (item) => item.level !== 1,
    (command) => `${command} is not possible at level 1: HMICFRS closes and archives level 1 items`,
  ),
  theChiefConstableLetter: requirement(
    (item) => item.submission?.evidence.some((evidence) => evidence.isChiefConstableLetter) ?? false,
    (command, item) => `${command} at level ${item.level} needs the Chief Constable letter as evidence`,
    'owner',
  ),
  anApproverWhoDidNotSubmit: requirement(
    (item, event) => 'approvedBy' in event.data && !samePerson(event.data.approvedBy, item.submission?.submittedBy),
    () => 'The DCC who approves cannot be the officer who submitted',
  ),
  // Closing an item its owner rates Amber or Red is a judgement the DCC makes knowingly. A tracker's approval
  // was given outside the system, and approvals recorded before this was asked (`null`) replay as accepted.
  aConfirmationIfNotGreen: asked(
    'confirmRating',
    (item, event) =>
      (item.rag !== 'amber' && item.rag !== 'red') ||
      ((event.type === 'SelfCertified' || event.type === 'SubmittedToHmicfrs') &&
        (event.data.ratingConfirmed !== false || event.data.fromTracker !== undefined)),
    (command, item) =>
      `${command} of an item rated ${item.rag === 'red' ? 'Red' : 'Amber'}, not Green, needs the DCC's confirmation that they approve it all the same`,
  ),
  aVerifierWhoDidNotApprove: requirement(
    // Verifications recorded before the verifier was kept name nobody, and replay as they were accepted.
    (item, event) =>
      event.type === 'HmicfrsVerified' &&
      (event.data.verifiedBy === undefined || !samePerson(event.data.verifiedBy, item.approval?.approvedBy)),
    () => 'Whoever approved the submission as DCC cannot verify it for HMICFRS',
  ),
  aPersonDecides: requirement(
    (_, event) => {
      const by = 'approvedBy' in event.data ? event.data.approvedBy : 'verifiedBy' in event.data ? event.data.verifiedBy : undefined;
      if (by === undefined) return event.type === 'HmicfrsVerified';
      const tracker = 'fromTracker' in event.data ? event.data.fromTracker : undefined;
      // Only an import records a tracker's approval, and an import records nothing else as one.
      return tracker === undefined ? !isNotAPerson(by) : isImportId(by);
    },
    (command) => `${command} is a person's decision: the system never gives it (an import records a tracker's as history)`,
  ),
  aReasonForAChange: requirement(
    // An item's first due date changes nothing, so it needs no reason; every later one does (the committee asks).
    (_, event) => event.type === 'DueDateChanged' && (event.data.from === null || event.data.reason !== null),
    (command) => `${command} needs a reason: the item already has a due date`,
  ),
  evidenceNotYetAttached: requirement(
    (item, event) => event.type === 'EvidenceAttached' && !item.evidence.some((e) => e.evidenceId === event.data.evidenceId),
    (command) => `${command} names evidence that is already attached to this item`,
  ),
  attachedEvidence: requirement(
    (item, event) => event.type === 'EvidenceRemoved' && item.evidence.some((e) => e.evidenceId === event.data.evidenceId),
    (command) => `${command} names evidence that is not attached to this item`,
  ),
  aDifferentLevel: requirement(
    (item, event) => event.type === 'LevelChanged' && event.data.to !== item.level,
    (_, item) => `The item is already at level ${item.level}`,
  ),
  anotherItem: requirement(
    (item, event) => event.type === 'RecommendationLinked' && event.data.otherId !== item.id,
    () => 'An item cannot be linked to itself',
  ),
  notYetLinked: requirement(
    (item, event) =>
      event.type === 'RecommendationLinked' &&
      !item.links.some((link) => link.otherId === event.data.otherId && link.relation === event.data.relation),
    () => 'The items are already linked that way',
  ),
  atLevel2: branch((item) => item.level === 2),
  atLevel3: branch((item) => item.level === 3),
  atLevel4: branch((item) => item.level === 4),
  toLevel2: branch((_, event) => event.type === 'LevelChanged' && event.data.to === 2),
  toLevel3: branch((_, event) => event.type === 'LevelChanged' && event.data.to === 3),
  toLevel4: branch((_, event) => event.type === 'LevelChanged' && event.data.to === 4),
  hasBeenRated: branch((item) => item.rag !== null),
  aFreshStart: branch((_, event) => event.type === 'Reopened' && event.data.freshRating),
} satisfies Record<string, Rule>;

export type RuleName = keyof typeof rules;

/** The one guard of the machine: `guard: requires('anOwner', 'someEvidence')`. */
export function requires(...names: RuleName[]) {
  return { type: 'requires', params: { rules: names } } as const;
}

export function meetsRules(item: Item, event: RecommendationEvent, names: readonly RuleName[]): boolean {
  return names.every((name) => rules[name].holds(item, event));
}
