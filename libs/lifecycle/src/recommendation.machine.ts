import { assign, setup, type SnapshotFrom } from 'xstate';
import type { Evidence, Level, Rag, RecommendationEvent, RecommendationOpened } from './events';
import { openedItem, type Item } from './item';
import { evidenceOf } from './evidence';
import { meetsRules, requires, type RuleName } from './rules';

/**
 * One item's lifecycle (docs/architecture.md, "The lifecycle"). It consumes the item's events: replaying them rebuilds
 * the item, and `snapshot.can(event)` says whether a command's event may happen now.
 *
 * Closed (tag `closed`): `self_certified.closed` (level 2), `hmicfrs_verified`, `archived`. They take
 * REOPEN and LINK only, and a self-certified level 2 item also a level change.
 * In progress (tag `in_progress`): `open`, `rag_rated`, `submitted`, `self_certified.awaiting_verification`
 * (level 3), `awaiting_hmicfrs`; notes, owner and due-date changes and CLOSE_AND_ARCHIVE are allowed there.
 * `not_applicable` is neither: the item was for another body, and only links are still recorded.
 * No state is an XState `final` state, because a closed item can be reopened.
 */
export const recommendationMachine = setup({
  types: {
    context: {} as Item,
    events: {} as RecommendationEvent,
    input: {} as RecommendationOpened['data'],
    tags: {} as 'closed' | 'in_progress',
  },
  guards: {
    requires: ({ context, event }, params: { rules: readonly RuleName[] }) => meetsRules(context, event, params.rules),
  },
  actions: {
    rate: assign((_, { rag }: { rag: Rag }) => ({ rag })),
    noteProgress: assign((_, { text }: { text: string }) => ({ latestProgressNote: text })),
    attachEvidence: assign(({ context }, evidence: Evidence) => ({
      evidence: [...context.evidence, evidenceOf(evidence)],
    })),
    removeEvidence: assign(({ context }, params: { evidenceId: string }) => ({
      evidence: context.evidence.filter((evidence) => evidence.evidenceId !== params.evidenceId),
    })),
    assignOwner: assign((_, { owner }: { owner: string }) => ({ owner })),
    changeDueDate: assign(({ context }, params: { to: string }) => ({
      dueDate: params.to,
      dueWithin: null,
      originalDueDate: context.originalDueDate ?? params.to,
    })),
    recordSubmission: assign((_, { submittedBy, evidence }: NonNullable<Item['submission']>) => ({
      submission: { submittedBy, evidence },
    })),
    recordApproval: assign((_, { approvedBy, evidence }: NonNullable<Item['approval']>) => ({
      approval: { approvedBy, evidence },
    })),
    forgetSubmission: assign({ submission: null, approval: null }),
    // What no longer holds once a closed item is reopened: its rating, and the due date it was closed against.
    startAfresh: assign(({ context }, { dueDate }: { dueDate: string | null }) => ({
      rag: null,
      dueDate,
      dueWithin: null,
      originalDueDate: context.originalDueDate ?? dueDate,
    })),
    changeLevel: assign((_, { to }: { to: Level }) => ({ level: to })),
    archive: assign({ level: 1 as const }),
    link: assign(({ context }, { otherId, relation }: Item['links'][number]) => ({
      links: [...context.links, { otherId, relation }],
    })),
    remind: assign((_, { kind, to, on }: NonNullable<Item['lastReminder']>) => ({ lastReminder: { kind, to, on } })),
  },
}).createMachine({
  id: 'recommendation',
  context: ({ input }) => openedItem(input),
  initial: 'open',
  on: {
    RecommendationLinked: {
      guard: requires('anotherItem', 'notYetLinked'),
      actions: { type: 'link', params: dataOf },
    },
  },
  states: {
    open: {
      tags: 'in_progress',
      on: {
        RagRated: { target: 'rag_rated', actions: { type: 'rate', params: dataOf } },
        ...evidenceUntilSubmission(),
        ...inProgress(),
        LevelChanged: changeLevelInPlace(),
        MarkedNotApplicable: { target: 'not_applicable' },
      },
    },
    rag_rated: {
      tags: 'in_progress',
      on: {
        RagRated: { actions: { type: 'rate', params: dataOf } },
        ...evidenceUntilSubmission(),
        ...inProgress(),
        LevelChanged: changeLevelInPlace(),
        SubmittedForClosure: {
          guard: requires('anOwner', 'someEvidence', 'aLevelTheForceCloses'),
          target: 'submitted',
          actions: { type: 'recordSubmission', params: dataOf },
        },
        MarkedNotApplicable: { target: 'not_applicable' },
      },
    },
    submitted: {
      tags: 'in_progress',
      on: {
        ...inProgress(),
        LevelChanged: changeLevelInPlace(),
        SubmissionWithdrawn: { target: 'rag_rated', actions: 'forgetSubmission' },
        ClosureReturned: { target: 'rag_rated', actions: 'forgetSubmission' },
        SelfCertified: [
          {
            guard: requires(
              'atLevel2',
              'theChiefConstableLetter',
              'aConfirmationIfNotGreen',
              'anApproverWhoDidNotSubmit',
              'aPersonDecides',
            ),
            target: 'self_certified.closed',
            actions: { type: 'recordApproval', params: dataOf },
          },
          {
            guard: requires(
              'atLevel3',
              'theChiefConstableLetter',
              'aConfirmationIfNotGreen',
              'anApproverWhoDidNotSubmit',
              'aPersonDecides',
            ),
            target: 'self_certified.awaiting_verification',
            actions: { type: 'recordApproval', params: dataOf },
          },
        ],
        SubmittedToHmicfrs: {
          guard: requires('atLevel4', 'aConfirmationIfNotGreen', 'anApproverWhoDidNotSubmit', 'aPersonDecides'),
          target: 'awaiting_hmicfrs',
          actions: { type: 'recordApproval', params: dataOf },
        },
      },
    },
    self_certified: {
      // Always entered through a child, chosen by the level; XState needs an initial one all the same.
      initial: 'closed',
      on: {
        // HMICFRS may change the level of a self-certified item, even one the force has closed at level 2:
        // the item then follows its new level's path. Raised to 3, the force's self-certification stands and
        // now waits for HMICFRS verification; raised to 4, it is not enough (level 4 never self-certifies) and
        // the approved submission goes to HMICFRS fieldwork; lowered to 2, the item is closed.
        LevelChanged: [
          {
            guard: requires('aDifferentLevel', 'toLevel4'),
            target: '#recommendation.awaiting_hmicfrs',
            actions: { type: 'changeLevel', params: dataOf },
          },
          {
            guard: requires('aDifferentLevel', 'toLevel3'),
            target: '.awaiting_verification',
            actions: { type: 'changeLevel', params: dataOf },
          },
          {
            guard: requires('aDifferentLevel', 'toLevel2'),
            target: '.closed',
            actions: { type: 'changeLevel', params: dataOf },
          },
        ],
      },
      states: {
        closed: {
          tags: 'closed',
          on: { Reopened: reopen() },
        },
        awaiting_verification: {
          tags: 'in_progress',
          on: {
            ...inProgress(),
            HmicfrsVerified: { guard: requires('aVerifierWhoDidNotApprove', 'aPersonDecides'), target: '#recommendation.hmicfrs_verified' },
            HmicfrsRejected: { target: '#recommendation.rag_rated', actions: 'forgetSubmission' },
          },
        },
      },
    },
    awaiting_hmicfrs: {
      tags: 'in_progress',
      on: {
        ...inProgress(),
        // A lower level does not take the item back from HMICFRS: they have the approved submission and
        // verify or reject it whatever its level now.
        LevelChanged: changeLevelInPlace(),
        HmicfrsVerified: { guard: requires('aVerifierWhoDidNotApprove', 'aPersonDecides'), target: 'hmicfrs_verified' },
        HmicfrsRejected: { target: 'rag_rated', actions: 'forgetSubmission' },
      },
    },
    hmicfrs_verified: {
      tags: 'closed',
      on: { Reopened: reopen() },
    },
    archived: {
      tags: 'closed',
      on: { Reopened: reopen() },
    },
    not_applicable: {},
  },
});

/** An action's params: the event's data (typed per transition, also where a transition is shared). */
function dataOf<Event extends RecommendationEvent>({ event }: { event: Event }): Event['data'] {
  return event.data;
}

/**
 * Notes, owner and due-date changes, reminders and escalations, and archiving: what happens to any item
 * still in progress. Reminders leave the state as it is; a closed item has nobody left to remind.
 */
function inProgress() {
  return {
    ProgressNoted: { actions: { type: 'noteProgress', params: dataOf } },
    ReminderIssued: { actions: { type: 'remind', params: dataOf } },
    Escalated: { actions: { type: 'remind', params: dataOf } },
    OwnerAssigned: { actions: { type: 'assignOwner', params: dataOf } },
    DueDateChanged: { guard: requires('aReasonForAChange'), actions: { type: 'changeDueDate', params: dataOf } },
    ClosedAndArchived: { target: '#recommendation.archived', actions: 'archive' },
  } as const;
}

/**
 * Reopening a closed item: it starts afresh, back to `open` without its rating and due again by the new
 * date. A reopening recorded before that (version 1) went back to `rag_rated`, keeping the rating, or to
 * `open` for an item never rated, so that `rag_rated` always has a RAG; it replays as it happened.
 */
function reopen() {
  return [
    {
      guard: requires('aFreshStart'),
      target: '#recommendation.open',
      actions: ['forgetSubmission', { type: 'startAfresh', params: dataOf }],
    },
    { guard: requires('hasBeenRated'), target: '#recommendation.rag_rated', actions: 'forgetSubmission' },
    { target: '#recommendation.open', actions: 'forgetSubmission' },
  ] as const;
}

/** Evidence can change until the item is submitted; after that, only by withdrawing the submission. */
function evidenceUntilSubmission() {
  return {
    EvidenceAttached: {
      guard: requires('evidenceNotYetAttached'),
      actions: { type: 'attachEvidence', params: dataOf },
    },
    EvidenceRemoved: {
      guard: requires('attachedEvidence'),
      actions: { type: 'removeEvidence', params: dataOf },
    },
  } as const;
}

function changeLevelInPlace() {
  return {
    guard: requires('aDifferentLevel'),
    actions: { type: 'changeLevel', params: dataOf },
  } as const;
}

export type RecommendationState = SnapshotFrom<typeof recommendationMachine>;
