import { Controller, Get, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Can, WebPage } from '@hmicfrs/auth';
import { ItemIdParams } from '../../recommendations/dto/item-id.params';
import { dateInput, dateParts, text, type FormBody } from '../forms/form';
import type { PageRequest } from '../page-renderer';
import { ACTION_FORMS } from './action-forms';
import { ItemPages } from './item-pages';

class ActionParams extends ItemIdParams {
  @Matches(/^[a-z-]{1,30}$/, { message: "verb must be an action's name" })
  verb!: string;
}

/** An item: its details, what the signed-in user may do now, its timeline; and each action's form. */
@ApiExcludeController()
@WebPage()
@Controller('items')
export class ItemPageController {
  constructor(private readonly items: ItemPages) {}

  /**
   * `?uploadFor=<evidenceId>` (a held-elsewhere reference's "Upload the document" link) fills the upload form with its title and letter flag.
   * `?asAt-day=…&asAt-month=…&asAt-year=…` (the page's own form) or `?asAt=YYYY-MM-DD` shows the item as it stood that day. */
  @Get(':id')
  @Can('recommendation.read')
  async item(
    @Param() { id }: ItemIdParams,
    @Query() query: FormBody,
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const typed = dateInput(query, 'asAt');
    const linked = /^\d{4}-\d{2}-\d{2}$/.test(text(query, 'asAt')) ? text(query, 'asAt') : undefined;
    if (typed === null) {
      return this.items.show(request, reply, id, {
        asAtErrors: [{ field: 'asAt-day', text: 'Enter the date as a real date, for example 27 6 2024' }],
        asAtParts: dateParts(query, 'asAt'),
      });
    }
    const uploadFor = text(query, 'uploadFor');
    await this.items.show(request, reply, id, {
      asAt: typed ?? linked,
      ...(uploadFor ? { uploadFor } : {}),
      done: text(query, 'done') || undefined,
      asAtParts: dateParts(query, 'asAt'),
    });
  }

  @Get(':id/:verb')
  @Can('recommendation.read')
  async form(@Param() { id, verb }: ActionParams, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = ACTION_FORMS.get(verb);
    if (!form) throw new NotFoundException(`There is no action "${verb}" on an item`);
    await this.items.showForm(request, reply, id, form);
  }
}
