import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can, WebPage } from '@hmicfrs/auth';
import { CLOCK, todayOf, type Clock } from '@hmicfrs/clock';
import { AppConfig } from '@hmicfrs/config';
import { personId } from '@hmicfrs/lifecycle';
import { ApprovalQueueQueries, AuditTrailQueries, NeedsYouQueries } from '@hmicfrs/projections';
import { PageRenderer, type PageRequest } from './page-renderer';
import { PAGES } from './web-pages';

/**
 * The front door after signing in: "Needs you", what waits for the signed-in person in their role,
 * and the reminders and escalations addressed to them, from the read models.
 */
@ApiExcludeController()
@WebPage()
@Controller()
export class HomeController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly needsYou: NeedsYouQueries,
    private readonly approvals: ApprovalQueueQueries,
    private readonly audit: AuditTrailQueries,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Can('recommendation.read')
  front(@Res() reply: FastifyReply): Promise<void> {
    return this.pages.redirect(reply, `${PAGES}/home`);
  }

  @Get('home')
  @Can('recommendation.read')
  async home(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = request.actor!;
    const today = todayOf(this.clock);
    const me = personId(actor.userId);
    await this.pages.render(request, reply, 'home.njk', {
      title: 'Needs you',
      today,
      owner: actor.role === 'owner' ? this.needsYou.owner(me, today, this.config.REMINDER_DUE_SOON_DAYS) : undefined,
      approvals: actor.role === 'dcc' ? this.approvals.approvalQueue({ limit: 50, offset: 0 }) : undefined,
      verification: actor.role === 'hmicfrs' ? this.needsYou.awaitingVerification() : undefined,
      unassigned: actor.role === 'liaison' ? this.needsYou.unassigned() : undefined,
      activity:
        actor.role === 'auditor' ? this.audit.auditTrail({ from: `${today}T00:00:00.000Z` }, { limit: 50, after: 0 }).entries : undefined,
      // Reminders name an owner by id; escalations and unowned items' reminders name the role.
      notices: this.needsYou.notices(actor.role === 'owner' ? me : actor.role),
    });
  }
}
