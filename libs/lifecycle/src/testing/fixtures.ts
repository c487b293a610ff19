import {
  evidenceRef,
  type Actor,
  type Evidence,
  type EvidenceHeldElsewhere,
  type Level,
  type Rag,
  type RecommendationEvent,
  type RecommendationOpened,
  type StoredDocument,
} from '@hmicfrs/lifecycle';

export const owner: Actor = { userId: 'olivia.owner', role: 'owner' };
export const liaison: Actor = { userId: 'liam.liaison', role: 'liaison' };
export const dcc: Actor = { userId: 'dana.dcc', role: 'dcc' };
export const hmicfrs: Actor = { userId: 'harriet.hmicfrs', role: 'hmicfrs' };

/** An uploaded document. */
export const progressReport: StoredDocument = {
  evidenceId: 'ev-progress',
  title: 'Hate crime analysis: use of the cyber-enabled flag, dip sample results',
  sha256: 'a'.repeat(64),
  file: { name: 'dip sample.xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: 18_204 },
  isChiefConstableLetter: false,
};
/** A reference to a document held elsewhere. */
export const chiefConstableLetter: EvidenceHeldElsewhere = {
  evidenceId: 'ev-cc-letter',
  title: 'Letter from the Chief Constable confirming completion',
  heldElsewhere: { location: "Chief officers' correspondence file", description: 'Signed letter of 20 June 2024' },
  isChiefConstableLetter: true,
};

/** Recommendation 9159 of the seeds: the hate crime cause of concern. */
export function opened(overrides: Partial<RecommendationOpened['data']> = {}): RecommendationOpened {
  return {
    type: 'RecommendationOpened',
    data: {
      id: 'rec-9159',
      reference: '9159',
      kind: 'recommendation',
      inspectionId: 'insp-hate-crime',
      text: 'Within three months Chief Constables ensure that the Home Office cyber-enabled flag is used to identify patterns in hate crime.',
      level: 3,
      addressee: 'Chief Constables',
      portfolio: 'Public Protection',
      ...overrides,
    },
  };
}

export const rated = (rag: Rag = 'amber'): RecommendationEvent => ({ type: 'RagRated', data: { rag } });
export const ownerAssigned = (who: Actor = owner): RecommendationEvent => ({
  type: 'OwnerAssigned',
  data: { owner: who.userId },
});
export const attached = (evidence: Evidence): RecommendationEvent => ({ type: 'EvidenceAttached', data: evidence });
export const submitted = (by: Actor, evidence: Evidence[]): RecommendationEvent => ({
  type: 'SubmittedForClosure',
  data: { submittedBy: by.userId, evidence },
});
const refs = (evidence: Evidence[]) => evidence.map(evidenceRef);
export const selfCertified = (by: Actor, level: Level, evidence: Evidence[]): RecommendationEvent => ({
  type: 'SelfCertified',
  data: { approvedBy: by.userId, level, evidence: refs(evidence), comment: null, ratingConfirmed: false },
});
export const submittedToHmicfrs = (by: Actor, evidence: Evidence[]): RecommendationEvent => ({
  type: 'SubmittedToHmicfrs',
  data: { approvedBy: by.userId, evidence: refs(evidence), comment: null, ratingConfirmed: false },
});
export const verifiedBy = (by: Actor): RecommendationEvent => ({
  type: 'HmicfrsVerified',
  data: { verifiedBy: by.userId, comment: null, inspection: null },
});
export const verified: RecommendationEvent = verifiedBy(hmicfrs);
export const archived = (fromLevel: Level): RecommendationEvent => ({ type: 'ClosedAndArchived', data: { fromLevel } });
export const markedNotApplicable: RecommendationEvent = {
  type: 'MarkedNotApplicable',
  data: { reason: 'Addressed to the NPCC and CPS leads', addressedTo: 'NPCC' },
};

const submittedEvidence = [progressReport, chiefConstableLetter];

/**
 * Owner, RAG and both pieces of evidence: everything SUBMIT needs. Rated Green, as an item its owner puts
 * forward for closure usually is, so the DCC approves it without confirming a rating (`rated()` is Amber).
 */
export const readyToSubmit = (level: Level, rag: Rag = 'green'): RecommendationEvent[] => [
  opened({ level }),
  ownerAssigned(),
  rated(rag),
  attached(progressReport),
  attached(chiefConstableLetter),
];

export const submittedAt = (level: Level, rag?: Rag): RecommendationEvent[] => [
  ...readyToSubmit(level, rag),
  submitted(owner, submittedEvidence),
];

/** Self-certified (levels 2 and 3) or with HMICFRS (level 4). */
export const approvedAt = (level: 2 | 3 | 4): RecommendationEvent[] => [
  ...submittedAt(level),
  level === 4 ? submittedToHmicfrs(dcc, submittedEvidence) : selfCertified(dcc, level, submittedEvidence),
];

/** Every state, with a history that reaches it. */
export const histories = {
  open: [opened()],
  rag_rated: [opened(), rated()],
  submitted: submittedAt(3),
  selfCertifiedAwaitingVerification: approvedAt(3),
  awaitingHmicfrs: approvedAt(4),
  selfCertifiedClosed: approvedAt(2),
  hmicfrsVerified: [...approvedAt(3), verified],
  archived: [opened(), rated(), archived(3)],
  notApplicable: [opened(), markedNotApplicable],
};

export const inProgress = [
  'open',
  'rag_rated',
  'submitted',
  'selfCertifiedAwaitingVerification',
  'awaitingHmicfrs',
] as const satisfies readonly (keyof typeof histories)[];

export const closed = ['selfCertifiedClosed', 'hmicfrsVerified', 'archived'] as const satisfies readonly (keyof typeof histories)[];
