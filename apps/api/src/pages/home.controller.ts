import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can, WebPage } from '@hmicfrs/auth';
import { PageRenderer } from './page-renderer';
import { PAGES } from './web-pages';

/** The service's front door is the register (after signing in). */
@ApiExcludeController()
@WebPage()
@Controller()
export class HomeController {
  constructor(private readonly pages: PageRenderer) {}

  @Get()
  @Can('recommendation.read')
  home(@Res() reply: FastifyReply): Promise<void> {
    return this.pages.redirect(reply, `${PAGES}/register`);
  }
}
