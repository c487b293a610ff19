import type { Actor, LifecycleCommand, LifecycleCommandType } from './commands';
import { decide } from './decide';
import type { Refusal } from './decision';
import type { Item } from './item';
import { proposedEvents } from './proposals';
import type { RecommendationState } from './recommendation.machine';

type Probe<Type extends LifecycleCommandType> = (item: Item, actor: Actor) => Extract<LifecycleCommand, { type: Type }>[];

/**
 * A command of each type that the item could take if its state allows the type at all: content that
 * passes the rules about content (evidence that is attached, a level it is not at, another item).
 * No probe means the type cannot apply to this item (nothing to remove).
 */
const probes: { [Type in LifecycleCommandType]: Probe<Type> } = {
  RATE: () => [{ type: 'RATE', rag: 'amber' }],
  NOTE_PROGRESS: () => [{ type: 'NOTE_PROGRESS', text: '' }],
  ATTACH_EVIDENCE: (item) => [
    {
      type: 'ATTACH_EVIDENCE',
      evidenceId: unusedId(item.evidence.map((evidence) => evidence.evidenceId)),
      title: '',
      heldElsewhere: { location: '', description: '' },
      isChiefConstableLetter: false,
    },
  ],
  REMOVE_EVIDENCE: (item) => item.evidence.slice(0, 1).map(({ evidenceId }) => ({ type: 'REMOVE_EVIDENCE', evidenceId })),
  ASSIGN_OWNER: (_, actor) => [{ type: 'ASSIGN_OWNER', owner: actor.userId }],
  CHANGE_DUE_DATE: () => [{ type: 'CHANGE_DUE_DATE', dueDate: '', reason: 'a reason' }],
  SUBMIT: () => [{ type: 'SUBMIT' }],
  WITHDRAW: () => [{ type: 'WITHDRAW' }],
  APPROVE: () => [{ type: 'APPROVE', confirmRating: true }],
  RETURN: () => [{ type: 'RETURN', reason: '' }],
  VERIFY: () => [{ type: 'VERIFY' }],
  REJECT: () => [{ type: 'REJECT', reason: '' }],
  CHANGE_LEVEL: () => ([2, 3, 4] as const).map((level) => ({ type: 'CHANGE_LEVEL', level, reason: '' })),
  CLOSE_AND_ARCHIVE: () => [{ type: 'CLOSE_AND_ARCHIVE' }],
  REOPEN: () => [{ type: 'REOPEN', reason: '', dueDate: '' }],
  MARK_NOT_APPLICABLE: () => [{ type: 'MARK_NOT_APPLICABLE', reason: '', addressedTo: '' }],
  LINK: (item) => [
    {
      type: 'LINK',
      otherId: unusedId([item.id, ...item.links.map((link) => link.otherId)]),
      relation: 'shares_evidence',
    },
  ],
};

/**
 * The command types the item takes now, as far as the lifecycle is concerned (SUBMIT only once it has an
 * owner, a RAG and evidence; APPROVE not for the officer who submitted). The auth policy narrows this to
 * the caller's role. Each type is asked of the machine with `can()`, through a probe command.
 */
export function allowedCommands(state: RecommendationState, actor: Actor): LifecycleCommandType[] {
  // The keys of `probes` are exactly the command types, in the order of the lifecycle.
  return (Object.keys(probes) as LifecycleCommandType[]).filter((type) =>
    probes[type](state.context, actor).some((command) => proposedEvents(state.context, command, actor).some((event) => state.can(event))),
  );
}

function unusedId(taken: readonly string[]): string {
  let id = 'probe';
  while (taken.includes(id)) id += '+';
  return id;
}

/**
 * Why the item takes no command of this type now, asked through its probes: the lifecycle's own reason,
 * whatever the content would be ("APPROVE at level 3 needs the Chief Constable letter as evidence").
 * `undefined` when some command of the type would be taken, or none can apply (nothing to remove).
 */
export function refusalOf(state: RecommendationState, type: LifecycleCommandType, actor: Actor): Refusal | undefined {
  let refusal: Refusal | undefined;
  for (const command of probes[type](state.context, actor) as LifecycleCommand[]) {
    const decision = decide(state, command, actor);
    if (decision.ok) return undefined;
    refusal ??= decision.refusal;
  }
  return refusal;
}
