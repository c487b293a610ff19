import type { Actor } from './role';

/**
 * Whether a web page session may still be used (docs/architecture.md, "Sessions"). Kept as events in the
 * store by `Sessions` (libs/workflow), so that every API instance gives the same answer; the policy
 * guard asks it on every page request.
 */
export interface LiveSessions {
  /** Throws `NotSignedIn` when the session has ended, gone idle or outlived its lifetime. */
  assertLive(sessionId: string, actor: Actor): Promise<void>;
}
