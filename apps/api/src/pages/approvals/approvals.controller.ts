import { BadRequestException, Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can, WebPage, permits } from '@hmicfrs/auth';
import { ApprovalQueueQueries } from '@hmicfrs/projections';
import { RecommendationWorkflow } from '@hmicfrs/workflow';
import { NEXT_WAITING, QUEUE_DECISIONS } from '../items/item-commands.controller';
import { ACTION_FORMS } from '../items/action-forms';
import { PageRenderer, type PageRequest } from '../page-renderer';
import { COMMAND, supplierInWords } from '../words';

/** An item's id as the item routes take it. */
const ITEM_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

const PAGE_SIZE = 25;

/** The DCC's queue: submissions for closure, oldest first, each with its evidence and who submitted it. */
@ApiExcludeController()
@WebPage()
@Controller('approvals')
export class ApprovalsController {
  constructor(
    private readonly queue: ApprovalQueueQueries,
    private readonly pages: PageRenderer,
    private readonly workflow: RecommendationWorkflow,
  ) {}

  @Get()
  @Can('approvals.read')
  async list(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Query('page') pageText?: string,
    @Query('done') done?: string,
    @Query('item') itemId?: string,
  ): Promise<void> {
    if (pageText !== undefined && !/^[1-9]\d{0,6}$/.test(pageText))
      throw new BadRequestException(`There is no page "${pageText}" of the queue`);
    const page = pageText === undefined ? 1 : Number(pageText);
    const queue = this.queue.approvalQueue({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(queue.total / PAGE_SIZE));
    // Back from a decision: it is recorded, so the item no longer waits, though the read model may not know yet.
    const decided =
      typeof done === 'string' && QUEUE_DECISIONS.has(done) && typeof itemId === 'string' && ITEM_ID.test(itemId)
        ? { id: itemId, message: `${COMMAND[ACTION_FORMS.get(done)!.type]}: done` }
        : undefined;
    const waiting = await this.withRefusals(decided ? queue.items.filter((item) => item.id !== decided.id) : queue.items, request);
    await this.pages.render(request, reply, 'approvals.njk', {
      title: 'Approvals',
      queue: { ...queue, items: waiting, total: queue.total - (queue.items.length - waiting.length) },
      decided,
      // The queue is open to the liaison officer and auditors too; only the DCC's role gets the buttons.
      canDecide: permits(request.actor!, 'recommendation.approve').allowed,
      canOpen: permits(request.actor!, 'evidence.read').allowed,
      previous: page > 1 ? `/app/approvals?page=${page - 1}` : undefined,
      next: page < pages ? `/app/approvals?page=${page + 1}` : undefined,
      nextWaiting: NEXT_WAITING,
    });
  }

  /**
   * For the DCC, each submission the lifecycle would not let them approve, with what it lacks and who can
   * supply it: the queue offers only Return for those, never an approval that ends on a refusal.
   */
  private async withRefusals<Item extends { id: string }>(
    items: Item[],
    request: PageRequest,
  ): Promise<(Item & { cannotApprove?: { missing: string[]; suppliers: string[] } })[]> {
    const actor = request.actor!;
    if (!permits(actor, 'recommendation.approve').allowed) return items;
    return Promise.all(
      items.map(async (item) => {
        const [refusal] = await this.workflow.refusalsOf(item.id, ['APPROVE'], actor);
        if (refusal === undefined) return item;
        const nameOf = (id: string) => this.pages.nameOf(id);
        return {
          ...item,
          cannotApprove: {
            missing: refusal.code === 'requirements_not_met' ? refusal.missing : [refusal.message],
            suppliers: refusal.code === 'requirements_not_met' ? refusal.suppliedBy.map((s) => supplierInWords(s, nameOf)) : [],
          },
        };
      }),
    );
  }
}
