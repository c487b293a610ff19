import { Body, Controller, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can, WebPage } from '@hmicfrs/auth';
import { WrongExpectedRevision } from '@hmicfrs/event-store';
import { READ_CLOCK, type Clock } from '@hmicfrs/projections';
import { CommandRefused, IdempotencyKeyReused, OccurredAtRefused, RecommendationWorkflow, UnknownLinkedItem } from '@hmicfrs/workflow';
import { ItemIdParams } from '../../recommendations/dto/item-id.params';
import { text, type FieldError, type FormBody } from '../forms/form';
import { ukDay } from '../nunjucks-filters';
import { PageRenderer, type PageRequest } from '../page-renderer';
import { PAGES } from '../web-pages';
import { ACTION_FORMS, OCCURRED_ON, readOccurredOn, type ActionForm } from './action-forms';
import { ItemPages } from './item-pages';

const FORM_ID = /^[0-9a-f-]{36}$/;

/**
 * One route per lifecycle command, each under its own policy action, as in the JSON API. A post that
 * works redirects to the item; a refused one shows the form again with the reason in the error summary.
 */
@ApiExcludeController()
@WebPage()
@Controller('items/:id')
export class ItemCommandsController {
  constructor(
    private readonly workflow: RecommendationWorkflow,
    private readonly items: ItemPages,
    private readonly pages: PageRenderer,
    @Inject(READ_CLOCK) private readonly clock: Clock,
  ) {}

  @Post('rate') @HttpCode(303) @Can('recommendation.rate')
  rate(@Param() { id }: ItemIdParams, @Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply) {
    return this.act(request, reply, id, 'rate', body);
  }

  @Post('note') @HttpCode(303) @Can('recommendation.note')
  note(@Param() { id }: ItemIdParams, @Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply) {
    return this.act(request, reply, id, 'note', body);
  }

  @Post('evidence') @HttpCode(303) @Can('recommendation.evidence')
  attachEvidence(@Param() { id }: ItemIdParams, @Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply) {
    return this.act(request, reply, id, 'evidence', body);
  }

  @Post('remove-evidence') @HttpCode(303) @Can('recommendation.evidence')
  removeEvidence(@Param() { id }: ItemIdParams, @Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply) {
    return this.act(request, reply, id, 'remove-evidence', body);
  }

  @Post('assign') @HttpCode(303) @Can('recommendation.assign')
  assign(@Param() { id }: ItemIdParams, @Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply) {
    return this.act(request, reply, id, 'assign', body);
  }

  @Post('due-date') @HttpCode(303) @Can('recommendation.due-date')
  dueDate(@Param() { id }: ItemIdParams, @Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply) {
    return this.act(request, reply, id, 'due-date', body);
  }

  @Post('submit') @HttpCode(303) @Can('recommendation.submit')
  submit(@Param() { id }: ItemIdParams, @Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply) {
    return this.act(request, reply, id, 'submit', body);
  }

  @Post('withdraw') @HttpCode(303) @Can('recommendation.withdraw')
  withdraw(@Param() { id }: ItemIdParams, @Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply) {
    return this.act(request, reply, id, 'withdraw', body);
  }

  @Post('approve') @HttpCode(303) @Can('recommendation.approve')
  approve(@Param() { id }: ItemIdParams, @Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply) {
    return this.act(request, reply, id, 'approve', body);
  }

  @Post('return') @HttpCode(303) @Can('recommendation.return')
  return(@Param() { id }: ItemIdParams, @Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply) {
    return this.act(request, reply, id, 'return', body);
  }

  @Post('verify') @HttpCode(303) @Can('recommendation.verify')
  verify(@Param() { id }: ItemIdParams, @Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply) {
    return this.act(request, reply, id, 'verify', body);
  }

  @Post('reject') @HttpCode(303) @Can('recommendation.reject')
  reject(@Param() { id }: ItemIdParams, @Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply) {
    return this.act(request, reply, id, 'reject', body);
  }

  @Post('level') @HttpCode(303) @Can('recommendation.level')
  level(@Param() { id }: ItemIdParams, @Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply) {
    return this.act(request, reply, id, 'level', body);
  }

  @Post('archive') @HttpCode(303) @Can('recommendation.archive')
  archive(@Param() { id }: ItemIdParams, @Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply) {
    return this.act(request, reply, id, 'archive', body);
  }

  @Post('reopen') @HttpCode(303) @Can('recommendation.reopen')
  reopen(@Param() { id }: ItemIdParams, @Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply) {
    return this.act(request, reply, id, 'reopen', body);
  }

  @Post('not-applicable') @HttpCode(303) @Can('recommendation.not-applicable')
  notApplicable(@Param() { id }: ItemIdParams, @Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply) {
    return this.act(request, reply, id, 'not-applicable', body);
  }

  @Post('link') @HttpCode(303) @Can('recommendation.link')
  link(@Param() { id }: ItemIdParams, @Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply) {
    return this.act(request, reply, id, 'link', body);
  }

  private async act(request: PageRequest, reply: FastifyReply, id: string, verb: string, body: FormBody): Promise<void> {
    const form = ACTION_FORMS.get(verb)!;
    const read = form.read(body);
    const when = readOccurredOn(body, ukDay(this.clock()));
    const errors = [...('errors' in read ? read.errors : []), ...('error' in when ? [when.error] : [])];
    if ('errors' in read || 'error' in when) return this.items.showForm(request, reply, id, form, { body, errors, status: 422 });
    const formId = text(body, 'formId');
    const revision = text(body, 'revision');
    try {
      await this.workflow.execute(id, read.command, {
        actor: request.actor!,
        ...when,
        ...(FORM_ID.test(formId) ? { idempotencyKey: `form-${formId}` } : {}),
        ...(/^\d{1,15}$/.test(revision) ? { expectedRevision: Number(revision) } : {}),
      });
    } catch (error) {
      const refused = refusalOnForm(error, form);
      if (!refused) throw error;
      return this.items.showForm(request, reply, id, form, { body, errors: [refused.error], status: refused.status });
    }
    await this.pages.redirect(reply, `${PAGES}/items/${encodeURIComponent(id)}?done=${verb}`);
  }
}

/** The refusals a person can act on, shown on the form; anything else is an error page. */
function refusalOnForm(error: unknown, form: ActionForm): { error: FieldError; status: number } | undefined {
  const onButton = (message: string) => ({ field: 'confirm', text: message });
  if (error instanceof CommandRefused) {
    return { error: onButton(error.refusal.message), status: error.refusal.code === 'not_allowed_now' ? 409 : 422 };
  }
  if (error instanceof UnknownLinkedItem) return { error: { field: 'otherId', text: error.message }, status: 422 };
  if (error instanceof OccurredAtRefused) {
    return { error: { field: `${OCCURRED_ON.name}-day`, text: 'The item changed after that day: give a later day, or leave it blank' }, status: 422 };
  }
  if (error instanceof WrongExpectedRevision) {
    return { error: onButton('Someone else changed this item while you had this page open. Check the item below and try again.'), status: 409 };
  }
  if (error instanceof IdempotencyKeyReused) {
    return { error: onButton(`This form was already sent. Open "${form.button}" again to make another change.`), status: 422 };
  }
  return undefined;
}
