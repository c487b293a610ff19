import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AccessDenied, permits } from '@hmicfrs/auth';
import { CLOCK, todayOf, type Clock } from '@hmicfrs/clock';
import { EVENT_STORE, type EventStore } from '@hmicfrs/event-store';
import { EvidenceIntake } from '@hmicfrs/evidence';
import { PeopleQueries, RegisterQueries, instantOf } from '@hmicfrs/projections';
import {
  inspectionStream,
  isStoredDocument,
  replayInspectionReport,
  type Actor,
  type Evidence,
  type InspectionReport,
  type StoredDocument,
  type SuppliedBy,
} from '@hmicfrs/lifecycle';
import { ItemHistoryReader, RecommendationWorkflow, type ItemView } from '@hmicfrs/workflow';
import { errorsForPage, type FieldError, type FormBody } from '../forms/form';
import { PageRenderer, type PageRequest } from '../page-renderer';
import { COMMAND, supplierInWords } from '../words';
import { govukDate } from '../nunjucks-filters';
import type { FormField } from '../../commands/lifecycle-command-entry';
import { ACTION_FORMS, FORM_OF_COMMAND, OCCURRED_ON, type ActionForm } from './action-forms';
import { dueDateLineage, sentBack, timeline } from './timeline';

/** The item page and its action forms, drawn from the workflow's view of the item and its history. */
@Injectable()
export class ItemPages {
  constructor(
    private readonly workflow: RecommendationWorkflow,
    private readonly histories: ItemHistoryReader,
    private readonly pages: PageRenderer,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly intake: EvidenceIntake,
    private readonly people: PeopleQueries,
    private readonly register: RegisterQueries,
  ) {}

  async show(
    request: PageRequest,
    reply: FastifyReply,
    id: string,
    options: {
      asAt?: string;
      done?: string;
      asAtErrors?: FieldError[];
      asAtParts?: object;
      uploadErrors?: FieldError[];
      status?: number;
      /** The held-elsewhere reference whose document the upload form is for (its "Upload the document" link). */
      uploadFor?: string;
    },
  ): Promise<void> {
    const actor = request.actor!;
    const asAt = options.asAt === undefined ? undefined : new Date(instantOf('asAt', options.asAt, 'end'));
    const [view, history] = await Promise.all([this.workflow.item(id, actor, { asAt }), this.histories.history(id)]);
    const asAtIso = asAt?.toISOString();
    // An altered history takes no commands (the pipeline refuses them): offer none.
    const altered = history.sealed?.verifies === false;
    const now = asAt === undefined && !altered;
    // The lifecycle and the policy say whether evidence is taken now (until submission, by the owner or liaison).
    const canUpload = now && view.allowedCommands.includes('ATTACH_EVIDENCE');
    const uploadedFor = documentsForReferences(view.item.evidence);
    const rows = timeline(
      history,
      {
        nameOf: (userId) => this.pages.nameOf(userId),
        activityTitle: (activityId) => this.register.inspectionActivityOf(activityId)?.title ?? activityId,
      },
      asAtIso,
    );
    const reference = view.item.evidence.find((e) => e.evidenceId === options.uploadFor && !isStoredDocument(e));
    const uploadPrefill =
      canUpload && reference !== undefined && uploadedFor[reference.evidenceId] === undefined
        ? { title: reference.title, isChiefConstableLetter: reference.isChiefConstableLetter }
        : undefined;
    await this.pages.render(
      request,
      reply,
      'item.njk',
      {
        title: `${view.item.reference}: ${view.item.text.slice(0, 60)}`,
        view,
        asAtDay: options.asAt,
        asAtParts: options.asAtParts,
        doneMessage: doneMessage(options.done),
        overdue: isOverdue(view, todayOf(this.clock)),
        inspection: await this.inspection(view.item.inspectionId),
        actions: altered ? [] : view.allowedCommands.map((type) => FORM_OF_COMMAND.get(type)!),
        notYet: now ? await this.notYet(id, view, actor) : [],
        // Returned (or rejected) and not yet submitted again: the reason leads the page.
        sentBack: view.status === 'rag_rated' ? sentBack(rows) : undefined,
        timeline: [...rows].reverse(),
        chain: history.chain,
        sealed: history.sealed,
        dueDates: dueDateLineage(history, asAtIso),
        canUpload,
        uploadedFor,
        uploadPrefill,
        canOpen: permits(actor, 'evidence.read', view.item).allowed,
        uploadHint: this.intake.describeLimit(),
        uploadTypes: this.intake.allowedTypesInWords(),
        ...errorsForPage([...(options.asAtErrors ?? []), ...(options.uploadErrors ?? [])]),
      },
      options.status ?? (options.asAtErrors?.length ? 422 : 200),
    );
  }

  /**
   * The form of one action. Offered only when the item's view allows it now; otherwise the page says
   * why: the policy's reason when the role (or ownership) does not allow it, else the item's state.
   */
  async showForm(
    request: PageRequest,
    reply: FastifyReply,
    id: string,
    form: ActionForm,
    posted?: { body: FormBody; errors: FieldError[]; status: number },
  ): Promise<void> {
    const actor = request.actor!;
    const view = await this.workflow.item(id, actor);
    if (!posted && !view.allowedCommands.includes(form.type)) {
      const permission = permits(actor, form.action, view.item);
      if (!permission.allowed) throw new AccessDenied(permission.reason);
      // Not a dead end: what is missing, who can supply it, and what this person can do instead.
      return this.pages.render(
        request,
        reply,
        'item-not-yet.njk',
        {
          title: `${form.button} is not possible yet: ${view.item.reference}`,
          view,
          form,
          ...(await this.whyNot(id, form, view, actor)),
          instead: view.allowedCommands.map((type) => FORM_OF_COMMAND.get(type)!),
        },
        409,
      );
    }
    await this.pages.render(
      request,
      reply,
      'item-action.njk',
      {
        title: `${form.button}: ${view.item.reference}`,
        view,
        form,
        fields: [...form.fields(view.item).map((field) => this.withChoices(field)), OCCURRED_ON],
        confirmation: form.confirmation?.(view.item),
        canOpen: permits(actor, 'evidence.read', view.item).allowed,
        values: posted?.body ?? {},
        ...errorsForPage(posted?.errors ?? []),
      },
      posted?.status ?? 200,
    );
  }

  /**
   * What the user's role could do here once something is missing is supplied ("SUBMIT needs at least
   * one piece of evidence"): the lifecycle's refusals of the commands it does not take now, asked of `decide`.
   */
  private async notYet(id: string, view: ItemView, actor: Actor): Promise<string[]> {
    const candidates = [...FORM_OF_COMMAND.values()].filter(
      (form) => !view.allowedCommands.includes(form.type) && permits(actor, form.action, view.item).allowed,
    );
    if (candidates.length === 0) return [];
    const refusals = await this.workflow.refusalsOf(
      id,
      candidates.map((form) => form.type),
      actor,
    );
    return refusals.filter((refusal) => refusal.code === 'requirements_not_met').map((refusal) => refusal.message);
  }

  /**
   * The lifecycle's own reason a command is not offered, and who can supply what it lacks (by name where
   * that is the item's owner); else the item's state is the answer.
   */
  private async whyNot(id: string, form: ActionForm, view: ItemView, actor: Actor): Promise<{ missing: string[]; suppliers: string[] }> {
    const [refusal] = await this.workflow.refusalsOf(id, [form.type], actor);
    if (refusal?.code === 'requirements_not_met') {
      return { missing: refusal.missing, suppliers: refusal.suppliedBy.map((supplier) => this.supplierOf(supplier)) };
    }
    return { missing: [`${COMMAND[form.type]} is not possible while the item is ${view.statusDescription}.`], suppliers: [] };
  }

  private supplierOf(supplier: SuppliedBy): string {
    return supplierInWords(supplier, (id) => this.pages.nameOf(id));
  }

  /** A field's choices: a person field the directory's people, an inspection field the inspection activity recorded. */
  private withChoices(field: FormField): FormField {
    if (field.kind === 'inspection') {
      const recorded = this.register.inspectionActivity().map((activity) => ({
        value: activity.id,
        text: activity.title,
        hint: { text: `Fieldwork ${govukDate(activity.fieldworkFrom)} to ${govukDate(activity.fieldworkTo)}` },
      }));
      return { ...field, items: field.other ? [...recorded, { value: field.other.value, text: field.other.text }] : recorded };
    }
    return this.withPeople(field);
  }

  /** A person field offers the directory's people who act in its role, by name, each with what they lead. */
  private withPeople(field: FormField): FormField {
    if (field.kind !== 'person') return field;
    const people = this.people.people(field.role === undefined ? {} : { role: field.role });
    return {
      ...field,
      items: people.map((person) => ({ value: person.id, text: person.portfolio ? `${person.name} (${person.portfolio})` : person.name })),
    };
  }

  private async inspection(id: string): Promise<InspectionReport | undefined> {
    return replayInspectionReport(await this.store.readStream(inspectionStream(id)));
  }
}

/**
 * Each reference held elsewhere (an imported placeholder, say) and the stored document uploaded for it: one
 * uploaded through its "Upload the document" offer carries the reference's title and Chief Constable letter
 * flag, so a document with the same two is the reference's. A reference with none is offered for upload.
 */
export function documentsForReferences(evidence: readonly Evidence[]): Record<string, StoredDocument | undefined> {
  const documents = evidence.filter(isStoredDocument);
  const found: Record<string, StoredDocument | undefined> = {};
  for (const e of evidence) {
    if (isStoredDocument(e)) continue;
    found[e.evidenceId] = documents.find((d) => d.title === e.title && d.isChiefConstableLetter === e.isChiefConstableLetter);
  }
  return found;
}

/** The success banner after a form worked (POST/redirect/GET carries only the action's name). */
function doneMessage(done: string | undefined): string | undefined {
  if (done === 'opened') return 'The item is added to the register.';
  if (done === 'upload') return 'The documents are uploaded and attached.';
  const form = done === undefined ? undefined : ACTION_FORMS.get(done);
  return form && `${COMMAND[form.type]}: done.`;
}

function isOverdue(view: ItemView, today: string): boolean {
  return view.item.dueDate !== null && view.item.dueDate < today && !view.closed && view.status !== 'not_applicable';
}
