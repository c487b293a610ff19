import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Action } from '@hmicfrs/auth';
import type { Item, LifecycleCommand, LifecycleCommandType } from '@hmicfrs/lifecycle';
import { COMMAND_ACTIONS, onDay } from '@hmicfrs/workflow';
import type { FormField } from '../../commands/lifecycle-command-entry';
import { COMMAND_ENTRIES, type AnyLifecycleCommandEntry } from '../../commands/lifecycle-commands';
import { dateInput, text, type FieldError, type FormBody } from '../forms/form';

/** A lifecycle command as a web form: its page, its fields, and how a post becomes the command. */
export interface ActionForm {
  type: LifecycleCommandType;
  /** The last part of its address, as in the JSON API: /app/items/:id/<verb>. */
  verb: string;
  action: Action;
  button: string;
  /** Whether the button stands for something that cannot simply be undone. */
  warning?: string;
  /** Without an item, the fields' names and wording only (what validation needs); with one, its choices too. */
  fields(item?: Item): FormField[];
  confirmation?(item: Item): { name: string; label: string; error: string } | undefined;
  /** The command, or the fields that are wrong, as the form stands for `item`. Values are checked by the JSON API's own DTOs. */
  read(body: FormBody, item?: Item): { command: LifecycleCommand } | { errors: FieldError[] };
}

/**
 * Every action form's last question: the day it happened, when that was not today (the board that
 * agreed it last week). docs/architecture.md, "Two times": the reports count it on that day; the timeline also
 * shows when it was recorded.
 */
export const OCCURRED_ON: FormField = {
  name: 'occurredOn',
  kind: 'date',
  label: 'When did this happen?',
  hint: 'Leave it blank if it happened today. For example, the day of the board that agreed it: 12 3 2024',
  error: 'Enter a real date that is not after today, or leave it blank',
};

/**
 * The command's occurredAt from the form's day: none for today (it happened now), an error for a day to
 * come. The day itself goes into the events' metadata, so the timeline shows the day and not the midday.
 */
export function readOccurredOn(
  body: FormBody,
  today: string,
): { occurredAt?: string; extra?: { occurredOn: string } } | { error: FieldError } {
  const day = dateInput(body, OCCURRED_ON.name);
  if (day === undefined) return {};
  if (day === null || day > today) return { error: { field: `${OCCURRED_ON.name}-day`, text: OCCURRED_ON.error } };
  return onDay(day, today);
}

/** What a field's inputs say, as the command's body has it: a date as YYYY-MM-DD (empty when not a real one), a ticked box as true. */
function valueOf(field: FormField, body: FormBody): unknown {
  if (field.kind === 'date') return dateInput(body, field.name) ?? '';
  if (field.kind === 'checkbox') return text(body, field.name) === 'yes';
  const typed = text(body, field.name);
  if (field.optional && typed === '') return undefined;
  return field.read ? field.read(typed) : typed;
}

/**
 * The command from a posted form, its values validated with the API's DTO for the command: the same rules
 * as the JSON routes. A failing property is reported with the page's wording for that field.
 */
function read(entry: AnyLifecycleCommandEntry, body: FormBody, item?: Item): { command: LifecycleCommand } | { errors: FieldError[] } {
  const fields = entry.form.fields(item);
  // The box the page showed for this item is the body's property of its name, ticked or not.
  const confirmation = item === undefined ? undefined : entry.form.confirmation?.(item);
  const values = {
    ...Object.fromEntries(fields.map((field) => [field.name, valueOf(field, body)])),
    ...(confirmation === undefined ? {} : { [confirmation.name]: text(body, confirmation.name) === 'yes' }),
  };
  const dto = plainToInstance(entry.body, values);
  const failures = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (failures.length === 0) return { command: entry.toCommand(dto) };
  const failed = new Set(failures.map((failure) => failure.property));
  return {
    errors: fields
      .filter((field) => failed.has(field.name))
      // The error summary links to the first input of a date (its day) and of radios (the first choice).
      .map((field) => ({ field: field.kind === 'date' ? `${field.name}-day` : field.name, text: field.error })),
  };
}

const FORMS: ActionForm[] = COMMAND_ENTRIES.map((entry) => ({
  type: entry.type,
  verb: entry.verb,
  action: COMMAND_ACTIONS[entry.type],
  ...entry.form,
  read: (body, item) => read(entry, body, item),
}));

export const ACTION_FORMS: ReadonlyMap<string, ActionForm> = new Map(FORMS.map((form) => [form.verb, form]));
export const FORM_OF_COMMAND: ReadonlyMap<LifecycleCommandType, ActionForm> = new Map(FORMS.map((form) => [form.type, form]));
