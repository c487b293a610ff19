import { Body, Controller, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can, WebPage } from '@hmicfrs/auth';
import type { Item } from '@hmicfrs/lifecycle';
import { WrongExpectedRevision } from '@hmicfrs/event-store';
import { CLOCK, type Clock } from '@hmicfrs/clock';
import { CommandRefused, IdempotencyKeyReused, OccurredAtRefused, RecommendationWorkflow, UnknownLinkedItem } from '@hmicfrs/workflow';
import { defineRoute, type RouteParameter } from '../../commands/generated-route';
import { ItemIdParams } from '../../recommendations/dto/item-id.params';
import { SENT_WITH_OTHER_DETAILS, submissionKey, text, type FieldError, type FormBody } from '../forms/form';
import { ukDay } from '../nunjucks-filters';
import { PageRenderer, type PageRequest } from '../page-renderer';
import { PAGES } from '../web-pages';
import { ACTION_FORMS, OCCURRED_ON, readOccurredOn, type ActionForm } from './action-forms';
import { ItemPages } from './item-pages';

/** The DCC's decisions on a submission: after one, the DCC goes back to the queue, at the next submission. */
export const QUEUE_DECISIONS: ReadonlySet<string> = new Set(['approve', 'return']);

/**
 * One route per lifecycle command, each under its own policy action, as in the JSON API; made from the
 * action forms, as those are from the commands' entries. A post that works redirects to the item (a
 * DCC's decision, to the approvals queue); a refused one shows the form again with the reason in the
 * error summary.
 */
@ApiExcludeController()
@WebPage()
@Controller('items/:id')
export class ItemCommandsController {
  constructor(
    private readonly workflow: RecommendationWorkflow,
    private readonly items: ItemPages,
    private readonly pages: PageRenderer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  static {
    for (const form of ACTION_FORMS.values()) {
      const handler = function (
        this: ItemCommandsController,
        { id }: ItemIdParams,
        body: FormBody,
        request: PageRequest,
        reply: FastifyReply,
      ) {
        return this.act(request, reply, id, form, body);
      };
      const parameters: RouteParameter[] = [
        [Param(), ItemIdParams],
        [Body(), Object],
        [Req(), Object],
        [Res(), Object],
      ];
      defineRoute(this, form.verb, handler, parameters, [Post(form.verb), HttpCode(303), Can(form.action)]);
    }
  }

  private async act(request: PageRequest, reply: FastifyReply, id: string, form: ActionForm, body: FormBody): Promise<void> {
    // The form as it stood for the item (its fields, its confirmation), as the page showed it: a form
    // sent twice is read the second time as the first was (the first due date asks no reason, later ones do).
    const revision = text(body, 'revision');
    const shown = /^\d{1,15}$/.test(revision) ? { revision: Number(revision) } : {};
    const { item } = await this.workflow.item(id, request.actor!, shown);
    const read = form.read(body, item);
    const when = readOccurredOn(body, ukDay(this.clock()));
    const errors = [...('errors' in read ? read.errors : []), ...('error' in when ? [when.error] : [])];
    if ('errors' in read || 'error' in when) return this.items.showForm(request, reply, id, form, { body, errors, status: 422 });
    try {
      await this.workflow.execute(id, read.command, {
        actor: request.actor!,
        ...when,
        ...submissionKey(body),
        ...('revision' in shown ? { expectedRevision: shown.revision } : {}),
      });
    } catch (error) {
      const refused = refusalOnForm(error, form, item);
      if (!refused) throw error;
      return this.items.showForm(request, reply, id, form, { body, errors: refused.errors, status: refused.status });
    }
    if (QUEUE_DECISIONS.has(form.verb)) {
      // At the next submission waiting, which the queue marks with this anchor.
      return this.pages.redirect(reply, `${PAGES}/approvals?done=${form.verb}&item=${encodeURIComponent(id)}#${NEXT_WAITING}`);
    }
    await this.pages.redirect(reply, `${PAGES}/items/${encodeURIComponent(id)}?done=${form.verb}`);
  }
}

/** The anchor of the first submission waiting in the approvals queue: a decision's redirect lands there. */
export const NEXT_WAITING = 'next-waiting';

/**
 * The refusals a person can act on, shown on the form; anything else is an error page. What the lifecycle
 * asks of the form's own box (the confirmation of a rating not Green) is said at the box, in the page's words.
 */
function refusalOnForm(error: unknown, form: ActionForm, item: Item): { errors: FieldError[]; status: number } | undefined {
  const onButton = (message: string) => ({ field: 'confirm', text: message });
  if (error instanceof CommandRefused) {
    const { refusal } = error;
    const status = refusal.code === 'not_allowed_now' ? 409 : 422;
    const box = form.confirmation?.(item);
    if (refusal.code === 'requirements_not_met' && box !== undefined && refusal.field === box.name) {
      const atBox = { field: box.name, text: box.error };
      // Anything else missing (the page offered the command without it: someone changed the item since) on the button too.
      return { errors: refusal.missing.length > 1 ? [onButton(refusal.message), atBox] : [atBox], status };
    }
    return { errors: [onButton(refusal.message)], status };
  }
  if (error instanceof UnknownLinkedItem) return { errors: [{ field: 'otherId', text: error.message }], status: 422 };
  if (error instanceof OccurredAtRefused) {
    return {
      errors: [{ field: `${OCCURRED_ON.name}-day`, text: 'The item changed after that day: give a later day, or leave it blank' }],
      status: 422,
    };
  }
  if (error instanceof WrongExpectedRevision) {
    return {
      errors: [onButton('Someone else changed this item while you had this page open. Check the item below and try again.')],
      status: 409,
    };
  }
  if (error instanceof IdempotencyKeyReused) {
    return { errors: [onButton(SENT_WITH_OTHER_DETAILS)], status: 422 };
  }
  return undefined;
}
