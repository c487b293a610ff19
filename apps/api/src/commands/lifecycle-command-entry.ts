import type { Item, LifecycleCommand, LifecycleCommandType, Role } from '@hmicfrs/lifecycle';
import type { CommandBody } from '../recommendations/dto/command-body';
import type { ItemIdParams } from '../recommendations/dto/item-id.params';

/** One field of a command's form, as the template draws it; `error` is what to say when the value is refused. */
export interface FormField {
  name: string;
  /**
   * `person`: chosen from the directory of people (a select of their names), never typed.
   * `inspection`: chosen from the inspection activity recorded (radios the page fills), or `other`.
   */
  kind: 'text' | 'textarea' | 'radios' | 'date' | 'checkbox' | 'person' | 'inspection';
  label: string;
  hint?: string;
  items?: { value: string; text: string; hint?: { text: string } }[];
  /** For a `person` field: only people who act in this role are offered. */
  role?: Role;
  /** For an `inspection` field: the last choice, for an inspection not recorded (another field names it). */
  other?: { value: string; text: string };
  /** Whether it may be left blank: blank, it is absent from the command's body. */
  optional?: true;
  error: string;
  /** What the typed text is in the command's body, where that is not the text itself (a number, a normalised hash). */
  read?(typed: string): unknown;
}

/** A command as the pages offer it: the page is the form, the button sends the command. */
export interface CommandForm {
  button: string;
  /** Whether the button stands for something that cannot simply be undone. */
  warning?: string;
  /** Whether its page lists the evidence, for those who judge it: the submission's, else what is attached. */
  showsEvidence?: true;
  /** Without an item, the fields' names and wording only (what validation needs); with one, its choices too. */
  fields(item?: Item): FormField[];
  /**
   * A box the page shows to be ticked, for this item (approving one not rated Green). Its `name` is a property
   * of the body: ticked or not, it goes into the command, and the lifecycle refuses the command without it
   * (the refusal's `field`), as it refuses the JSON API's; `error` is what the page says then.
   */
  confirmation?(item: Item): { name: string; label: string; error: string } | undefined;
}

/**
 * Everything the API says about one lifecycle command: its addresses, its body and how the body becomes the
 * command, its form and its name on the pages. The JSON routes and the pages' forms are made from these
 * entries; who may send it is the workflow's `COMMAND_ACTIONS`, whether the item takes it the lifecycle's.
 */
export interface LifecycleCommandEntry<Type extends LifecycleCommandType = LifecycleCommandType, Body extends CommandBody = CommandBody> {
  type: Type;
  /** The last part of its addresses: POST /recommendations/:id/<verb> (JSON) and /app/items/:id/<verb> (pages). */
  verb: string;
  /** The body's class: its rules check the JSON API's requests and the pages' posts alike; /docs shows it. */
  body: new () => Body;
  toCommand(body: Body): Extract<LifecycleCommand, { type: Type }>;
  /** What the pages call it: its button on the item and its page's heading. */
  name: string;
  form: CommandForm;
  /**
   * Where the JSON API takes it as a DELETE of what the path names instead of a POST of the body
   * (removing evidence: DELETE /recommendations/:id/evidence/:evidenceId). The path's names are the body's.
   */
  deleteAt?: { path: string; params: new () => ItemIdParams & Body };
  /**
   * Whether its JSON route is written out rather than made from this entry, because the address takes
   * more than this body (POST /recommendations/:id/evidence also takes uploads: apps/api/src/evidence).
   */
  writtenRoute?: true;
}
