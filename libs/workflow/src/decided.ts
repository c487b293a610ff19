import { AccessDenied, permits, type Action, type Actor } from '@hmicfrs/auth';
import type { Refusal } from '@hmicfrs/lifecycle';
import { CommandRefused } from './errors';

/** The one policy table's answer (libs/auth), for every write and not only those that came over HTTP. */
export function allow(actor: Actor, action: Action, item?: { owner: string | null }): void {
  const permission = permits(actor, action, item);
  if (!permission.allowed) throw new AccessDenied(permission.reason);
}

/** The decision's events, or its refusal thrown as the typed error the HTTP layer maps. */
export function decided<Event>(decision: { ok: true; events: Event[] } | { ok: false; refusal: Refusal }): Event[] {
  if (!decision.ok) throw new CommandRefused(decision.refusal);
  return decision.events;
}
