import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Action } from '@hmicfrs/auth';
import type { Item, LifecycleCommand, LifecycleCommandType } from '@hmicfrs/lifecycle';
import { COMMAND_ACTIONS } from '@hmicfrs/workflow';
import { CommandBody } from '../../recommendations/dto/command-body';
import {
  AssignDto,
  DueDateDto,
  EvidenceDto,
  LevelDto,
  LinkDto,
  NoteDto,
  NotApplicableDto,
  RateDto,
  ReasonDto,
} from '../../recommendations/dto/lifecycle-commands.dto';
import { dateInput, text, type FieldError, type FormBody } from '../forms/form';

/** One field of an action's form, as the template draws it; `error` is what to say when the value is refused. */
export interface FormField {
  name: string;
  kind: 'text' | 'textarea' | 'radios' | 'date' | 'checkbox';
  label: string;
  hint?: string;
  items?: { value: string; text: string; hint?: { text: string } }[];
  error: string;
}

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
  /** The command, or the fields that are wrong. Values are checked by the JSON API's own DTOs. */
  read(body: FormBody): { command: LifecycleCommand } | { errors: FieldError[] };
}

const REASON: FormField = { name: 'reason', kind: 'textarea', label: 'Reason', error: 'Enter the reason' };

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

/** Midday: inside the day it names in UK time, summer or winter, and so in the reports as at that day. */
const MIDDAY = 'T12:00:00.000Z';

/**
 * The command's occurredAt from the form's day: none for today (it happened now), an error for a day to
 * come. The day itself goes into the events' metadata, so the timeline shows the day and not the midday.
 */
export function readOccurredOn(body: FormBody, today: string): { occurredAt?: string; extra?: { occurredOn: string } } | { error: FieldError } {
  const day = dateInput(body, OCCURRED_ON.name);
  if (day === undefined || day === today) return {};
  if (day === null || day > today) return { error: { field: `${OCCURRED_ON.name}-day`, text: OCCURRED_ON.error } };
  return { occurredAt: `${day}${MIDDAY}`, extra: { occurredOn: day } };
}

/**
 * Validates `values` with the API's DTO for the command: the same rules as the JSON routes. A failing
 * property is reported with the page's wording for that field.
 */
function checked(dto: new () => CommandBody, values: Record<string, unknown>, fields: FormField[], command: () => LifecycleCommand) {
  const failures = validateSync(plainToInstance(dto, values), { whitelist: true, forbidNonWhitelisted: true });
  if (failures.length === 0) return { command: command() };
  const failed = new Set(failures.map((failure) => failure.property));
  return {
    errors: fields
      .filter((field) => failed.has(field.name))
      // The error summary links to the first input of a date (its day) and of radios (the first choice).
      .map((field) => ({ field: field.kind === 'date' ? `${field.name}-day` : field.name, text: field.error })),
  };
}

/** Forms without fields: the page is the confirmation, the button the command. */
const confirm = (type: LifecycleCommandType, verb: string, button: string, warning?: string): ActionForm => ({
  type,
  verb,
  action: COMMAND_ACTIONS[type],
  button,
  warning,
  fields: () => [],
  read: () => ({ command: { type } as LifecycleCommand }),
});

const withReason = (type: 'RETURN' | 'REJECT' | 'REOPEN', verb: string, button: string, hint: string): ActionForm => ({
  type,
  verb,
  action: COMMAND_ACTIONS[type],
  button,
  fields: () => [{ ...REASON, hint }],
  read(body) {
    const reason = text(body, 'reason');
    return checked(ReasonDto, { reason }, this.fields(), () => ({ type, reason }));
  },
});

const FORMS: ActionForm[] = [
  {
    type: 'RATE',
    verb: 'rate',
    action: COMMAND_ACTIONS.RATE,
    button: 'Save the rating',
    fields: () => [
      {
        name: 'rag',
        kind: 'radios',
        label: 'How is the work going?',
        items: [
          { value: 'red', text: 'Red', hint: { text: 'Off track: the due date will be missed without help' } },
          { value: 'amber', text: 'Amber', hint: { text: 'At risk, but recoverable' } },
          { value: 'green', text: 'Green', hint: { text: 'On track, or complete' } },
        ],
        error: 'Select a RAG rating',
      },
    ],
    read(body) {
      const rag = text(body, 'rag');
      return checked(RateDto, { rag }, this.fields(), () => ({ type: 'RATE', rag: rag as 'red' }));
    },
  },
  {
    type: 'NOTE_PROGRESS',
    verb: 'note',
    action: COMMAND_ACTIONS.NOTE_PROGRESS,
    button: 'Add the note',
    fields: () => [{ name: 'text', kind: 'textarea', label: 'Progress', hint: 'What has been done since the last review, and what comes next', error: 'Enter the progress made' }],
    read(body) {
      const note = text(body, 'text');
      return checked(NoteDto, { text: note }, this.fields(), () => ({ type: 'NOTE_PROGRESS', text: note }));
    },
  },
  {
    type: 'ATTACH_EVIDENCE',
    verb: 'evidence',
    action: COMMAND_ACTIONS.ATTACH_EVIDENCE,
    button: 'Attach the evidence',
    fields: () => [
      { name: 'title', kind: 'text', label: 'Title', hint: 'For example, Chief Constable letter of 20 June 2024', error: 'Enter a title of at most 500 characters' },
      {
        name: 'evidenceId',
        kind: 'text',
        label: 'Document reference',
        hint: 'A short reference for this document on this item, for example cc-letter-2024-06',
        error: 'Enter a reference of letters, digits or _ . : - (up to 100), starting with a letter or digit',
      },
      {
        name: 'sha256',
        kind: 'text',
        label: 'SHA-256 fingerprint of the document',
        hint: 'So an approval names exactly the document the DCC saw: 64 characters, from `sha256sum document.pdf`',
        error: 'Enter the SHA-256 fingerprint: 64 characters, digits and the letters a to f',
      },
      {
        name: 'isChiefConstableLetter',
        kind: 'checkbox',
        label: 'This is the letter signed by the Chief Constable',
        items: [{ value: 'yes', text: 'This is the letter signed by the Chief Constable', hint: { text: 'Levels 2 and 3 need it to be approved' } }],
        error: 'Select whether this is the Chief Constable letter',
      },
    ],
    read(body) {
      const values = {
        title: text(body, 'title'),
        evidenceId: text(body, 'evidenceId'),
        sha256: text(body, 'sha256').toLowerCase(),
        isChiefConstableLetter: text(body, 'isChiefConstableLetter') === 'yes',
      };
      return checked(EvidenceDto, values, this.fields(), () => ({ type: 'ATTACH_EVIDENCE', ...values }));
    },
  },
  {
    type: 'REMOVE_EVIDENCE',
    verb: 'remove-evidence',
    action: COMMAND_ACTIONS.REMOVE_EVIDENCE,
    button: 'Remove the evidence',
    fields: (item) => [
      {
        name: 'evidenceId',
        kind: 'radios',
        label: 'Which document?',
        items: (item?.evidence ?? []).map((evidence) => ({ value: evidence.evidenceId, text: evidence.title, hint: { text: evidence.evidenceId } })),
        error: 'Select the document to remove',
      },
    ],
    read(body) {
      const evidenceId = text(body, 'evidenceId');
      if (!evidenceId) return { errors: [{ field: 'evidenceId', text: 'Select the document to remove' }] };
      return { command: { type: 'REMOVE_EVIDENCE', evidenceId } };
    },
  },
  {
    type: 'ASSIGN_OWNER',
    verb: 'assign',
    action: COMMAND_ACTIONS.ASSIGN_OWNER,
    button: 'Assign',
    fields: () => [{ name: 'owner', kind: 'text', label: 'Owner\'s user id', hint: 'For example, supt-patel', error: 'Enter the owner\'s user id: letters, digits or _ . : -' }],
    read(body) {
      const owner = text(body, 'owner');
      return checked(AssignDto, { owner }, this.fields(), () => ({ type: 'ASSIGN_OWNER', owner }));
    },
  },
  {
    type: 'CHANGE_DUE_DATE',
    verb: 'due-date',
    action: COMMAND_ACTIONS.CHANGE_DUE_DATE,
    button: 'Change the due date',
    fields: () => [
      { name: 'dueDate', kind: 'date', label: 'New due date', hint: 'For example, 31 3 2025', error: 'Enter the new due date as a real date' },
      { ...REASON, hint: 'The committee asks why an item has slipped', error: 'Enter why the due date changes' },
    ],
    read(body) {
      const dueDate = dateInput(body, 'dueDate');
      const reason = text(body, 'reason');
      return checked(DueDateDto, { dueDate: dueDate ?? '', reason }, this.fields(), () => ({
        type: 'CHANGE_DUE_DATE',
        dueDate: dueDate as string,
        reason,
      }));
    },
  },
  confirm('SUBMIT', 'submit', 'Submit for closure'),
  confirm('WITHDRAW', 'withdraw', 'Withdraw the submission'),
  confirm('APPROVE', 'approve', 'Approve'),
  withReason('RETURN', 'return', 'Return to the owner', 'What the owner needs to do before submitting again'),
  confirm('VERIFY', 'verify', 'Verify'),
  withReason('REJECT', 'reject', 'Reject', 'What HMICFRS found the evidence does not show'),
  {
    type: 'CHANGE_LEVEL',
    verb: 'level',
    action: COMMAND_ACTIONS.CHANGE_LEVEL,
    button: 'Change the level',
    fields: (item) => [
      {
        name: 'level',
        kind: 'radios',
        label: 'New level',
        items: ([2, 3, 4] as const)
          .filter((level) => level !== item?.level)
          .map((level) => ({ value: String(level), text: `Level ${level}`, hint: { text: LEVEL_HINTS[level] } })),
        error: 'Select the new level',
      },
      REASON,
    ],
    read(body) {
      const level = Number(text(body, 'level'));
      const reason = text(body, 'reason');
      return checked(LevelDto, { level: text(body, 'level') === '' ? undefined : level, reason }, this.fields(), () => ({
        type: 'CHANGE_LEVEL',
        level: level as 2,
        reason,
      }));
    },
  },
  confirm('CLOSE_AND_ARCHIVE', 'archive', 'Close and archive', 'The item becomes level 1, closed and archived by HMICFRS.'),
  withReason('REOPEN', 'reopen', 'Reopen', 'Why the item needs more work'),
  {
    type: 'MARK_NOT_APPLICABLE',
    verb: 'not-applicable',
    action: COMMAND_ACTIONS.MARK_NOT_APPLICABLE,
    button: 'Mark not applicable',
    warning: 'A not applicable item cannot be reopened.',
    fields: () => [
      { name: 'addressedTo', kind: 'text', label: 'Which body is it addressed to?', hint: 'For example, NPCC, IOPC, CPS', error: 'Enter the body it is addressed to' },
      { ...REASON, error: 'Enter why it does not apply to the force' },
    ],
    read(body) {
      const values = { addressedTo: text(body, 'addressedTo'), reason: text(body, 'reason') };
      return checked(NotApplicableDto, values, this.fields(), () => ({ type: 'MARK_NOT_APPLICABLE', ...values }));
    },
  },
  {
    type: 'LINK',
    verb: 'link',
    action: COMMAND_ACTIONS.LINK,
    button: 'Link the items',
    fields: () => [
      { name: 'otherId', kind: 'text', label: 'Reference of the other item', hint: 'For example, 10618', error: 'Enter the other item\'s reference' },
      {
        name: 'relation',
        kind: 'radios',
        label: 'How are they linked?',
        items: [
          { value: 'same_national_recommendation', text: 'The same national recommendation, in another report' },
          { value: 'shares_evidence', text: 'The same evidence serves both' },
        ],
        error: 'Select how the items are linked',
      },
    ],
    read(body) {
      const values = { otherId: text(body, 'otherId'), relation: text(body, 'relation') };
      return checked(LinkDto, values, this.fields(), () => ({ type: 'LINK', otherId: values.otherId, relation: values.relation as 'shares_evidence' }));
    },
  },
];

const LEVEL_HINTS: Record<2 | 3 | 4, string> = {
  2: 'The force closes it itself, with a letter signed by the Chief Constable',
  3: 'The force self-certifies; HMICFRS verifies at its next relevant inspection',
  4: 'No self-certification: HMICFRS verifies by bespoke fieldwork',
};

export const ACTION_FORMS: ReadonlyMap<string, ActionForm> = new Map(FORMS.map((form) => [form.verb, form]));
export const FORM_OF_COMMAND: ReadonlyMap<LifecycleCommandType, ActionForm> = new Map(FORMS.map((form) => [form.type, form]));
