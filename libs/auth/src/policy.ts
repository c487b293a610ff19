import { samePerson } from '@hmicfrs/lifecycle';
import type { Actor, Role } from './role';

/**
 * Who may do what: the whole policy, in one table. Every route names one of these actions and
 * nothing else decides access. `ownItemsOnly` roles may act only on items they own.
 */
export const POLICY = {
  'inspection.record': { roles: ['liaison'] },
  /** Issuing the committee paper: the liaison officer, who sends it. */
  'paper.issue': { roles: ['liaison'] },
  'recommendation.open': { roles: ['liaison'] },
  'recommendation.rate': { roles: ['owner', 'liaison'], ownItemsOnly: ['owner'] },
  'recommendation.note': { roles: ['owner', 'liaison', 'dcc', 'hmicfrs'], ownItemsOnly: ['owner'] },
  'recommendation.evidence': { roles: ['owner', 'liaison'], ownItemsOnly: ['owner'] },
  /** Opening and downloading an evidence document: its owner, and those who judge it. */
  'evidence.read': { roles: ['owner', 'dcc', 'hmicfrs', 'auditor'], ownItemsOnly: ['owner'] },
  'recommendation.assign': { roles: ['liaison'] },
  'recommendation.due-date': { roles: ['liaison'] },
  'recommendation.submit': { roles: ['owner', 'liaison'], ownItemsOnly: ['owner'] },
  'recommendation.withdraw': { roles: ['owner', 'liaison'], ownItemsOnly: ['owner'] },
  'recommendation.approve': { roles: ['dcc'] },
  'recommendation.return': { roles: ['dcc'] },
  'recommendation.verify': { roles: ['hmicfrs'] },
  'recommendation.reject': { roles: ['hmicfrs'] },
  'recommendation.level': { roles: ['hmicfrs'] },
  'recommendation.archive': { roles: ['hmicfrs'] },
  'recommendation.reopen': { roles: ['hmicfrs'] },
  'recommendation.not-applicable': { roles: ['liaison', 'hmicfrs'] },
  'recommendation.link': { roles: ['liaison'] },
  'recommendation.read': { roles: ['owner', 'liaison', 'dcc', 'hmicfrs', 'auditor'] },
  'history.read': { roles: ['owner', 'liaison', 'dcc', 'hmicfrs', 'auditor'] },
  'approvals.read': { roles: ['liaison', 'dcc', 'auditor'] },
  'reports.read': { roles: ['liaison', 'dcc', 'hmicfrs', 'auditor'] },
  'imports.run': { roles: ['liaison'] },
  /** The directory of people: the liaison officer keeps it; everyone may see who is in it (names, roles, portfolios). */
  'people.add': { roles: ['liaison'] },
  'people.read': { roles: ['owner', 'liaison', 'dcc', 'hmicfrs', 'auditor'] },
  /** Sessions (docs/architecture.md, "Sessions"): anyone may sign out everywhere; the liaison officer may end anyone's sessions. */
  'sessions.end-own': { roles: ['owner', 'liaison', 'dcc', 'hmicfrs', 'auditor'] },
  'sessions.end': { roles: ['liaison'] },
} as const satisfies Record<string, { roles: readonly Role[]; ownItemsOnly?: readonly Role[] }>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

export type Permission = { allowed: true } | { allowed: false; reason: string };

/**
 * Whether the actor may take the action; `item` is given once the item is known, so that
 * owners are held to their own items.
 */
export function permits(actor: Actor, action: Action, item?: { owner?: string | null }): Permission {
  const rule: { roles: readonly Role[]; ownItemsOnly?: readonly Role[] } = POLICY[action];
  if (!rule.roles.includes(actor.role)) {
    return { allowed: false, reason: `The ${actor.role} role may not ${describe(action)}` };
  }
  if (item && rule.ownItemsOnly?.includes(actor.role) && !samePerson(item.owner, actor.userId)) {
    return { allowed: false, reason: `Only the item's owner may ${describe(action)}; ${actor.userId} does not own it` };
  }
  return { allowed: true };
}

function describe(action: Action): string {
  const [subject, verb] = action.split('.');
  return `${verb.replace('-', ' ')} (${subject})`;
}
