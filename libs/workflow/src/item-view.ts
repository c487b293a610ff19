import { permits, type Actor } from '@hmicfrs/auth';
import {
  allowedCommands,
  describeStatus,
  isClosed,
  statusOf,
  type Item,
  type LifecycleCommandType,
  type RecommendationState,
  type Status,
} from '@hmicfrs/lifecycle';
import { COMMAND_ACTIONS } from './command-actions';

/** An item as its users see it: its picture, where it stands, and what the caller may do with it now. */
export interface ItemView {
  id: string;
  /** The stream revision this view reflects; send it back as `If-Match` to act only on what you saw. */
  revision: number;
  status: Status;
  /** The status in users' words ("self-certified and awaiting HMICFRS verification"). */
  statusDescription: string;
  closed: boolean;
  item: Item;
  /** The commands the caller's role allows and the lifecycle accepts now; empty for a past view. */
  allowedCommands: LifecycleCommandType[];
  /** Present when the view is of the past. */
  asAt?: string;
  knownAt?: string;
}

export function itemView(state: RecommendationState, revision: number, actor: Actor, past?: { asAt?: string; knownAt?: string }): ItemView {
  const item = state.context;
  const allowed = past ? [] : allowedCommands(state, actor).filter((type) => permits(actor, COMMAND_ACTIONS[type], item).allowed);
  return {
    id: item.id,
    revision,
    status: statusOf(state),
    statusDescription: describeStatus(state),
    closed: isClosed(state),
    item,
    allowedCommands: allowed,
    ...past,
  };
}
