import type { RecommendationState } from './recommendation.machine';

/** The statuses of docs/architecture.md, "The lifecycle"; `self_certified` is one status whether the item is closed there or waiting. */
export type Status =
  'open' | 'rag_rated' | 'submitted' | 'self_certified' | 'awaiting_hmicfrs' | 'hmicfrs_verified' | 'archived' | 'not_applicable';

export function statusOf(state: RecommendationState): Status {
  return typeof state.value === 'string' ? state.value : 'self_certified';
}

/** Closed: self-certified at level 2, verified by HMICFRS, or archived (docs/architecture.md, "Statuses"). */
export function isClosed(state: RecommendationState): boolean {
  return state.hasTag('closed');
}

/** Still being worked on: notes, owner and due-date changes are allowed, and HMICFRS may archive it. */
export function isInProgress(state: RecommendationState): boolean {
  return state.hasTag('in_progress');
}

/** The state in users' words, for refusals. */
export function describeStatus(state: RecommendationState): string {
  const status = statusOf(state);
  switch (status) {
    case 'open':
      return 'open and not yet RAG rated';
    case 'rag_rated':
      return 'RAG rated';
    case 'submitted':
      return 'submitted for closure';
    case 'self_certified':
      return isClosed(state) ? 'self-certified and closed' : 'self-certified and awaiting HMICFRS verification';
    case 'awaiting_hmicfrs':
      return 'with HMICFRS for verification';
    case 'hmicfrs_verified':
      return 'verified by HMICFRS and closed';
    case 'archived':
      return 'closed and archived';
    case 'not_applicable':
      return 'marked not applicable';
    default: {
      const _: never = status;
      return _;
    }
  }
}
