import type { LifecycleCommandType, RecordNotice } from './commands';
import type { SuppliedBy } from './rules';
import type { Status } from './status';

/** Why a command was refused, in users' words (`message`), typed so the HTTP layer can pick the status code. */
export type Refusal =
  /** The command names an item that has no events yet. */
  | { code: 'no_such_item'; message: string }
  /** The item or inspection report is already recorded. */
  | { code: 'already_exists'; message: string }
  /** The item's state does not take this command at all ("APPROVE … while the item is RAG rated"). */
  | { code: 'not_allowed_now'; command: LifecycleCommandType | RecordNotice['type']; status: Status; message: string }
  /**
   * The state takes the command, but something it needs is missing; `suppliedBy`, who can supply it, and
   * `field`, the command's own field by which the sender supplies it (`confirmRating`), when it is one.
   */
  | {
      code: 'requirements_not_met';
      command: LifecycleCommandType;
      status: Status;
      missing: string[];
      suppliedBy: SuppliedBy[];
      field?: string;
      message: string;
    }
  /** The command contradicts itself (fieldwork ending before it starts); `field` when one field alone is wrong. */
  | { code: 'invalid'; message: string; field?: string };

export type Decision<Event> = { ok: true; events: Event[] } | { ok: false; refusal: Refusal };

export const refuse = (refusal: Refusal): Decision<never> => ({ ok: false, refusal });
