import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PageRenderer, type PageRequest } from './page-renderer';
import { PAGES } from './web-pages';

/** The parts of a problem document a page shows. */
export interface PageProblem {
  status: number;
  title: string;
  detail: string;
}

/** Titles people recognise, for the statuses a page can end in (GOV.UK's error page patterns). */
const TITLES: Record<number, string> = {
  400: 'There is a problem with that request',
  403: 'You cannot do that',
  404: 'Page not found',
  409: 'That is not possible now',
  422: 'That is not possible',
  423: 'The history of this item has been altered',
  503: 'Sorry, the service is unavailable',
  500: 'Sorry, there is a problem with the service',
};

/**
 * Errors on the web pages as GOV.UK pages rather than problem documents. The status and the reason
 * are the problem-details filter's (one mapping); only the presentation is the pages'. Not signed in
 * is not an error page: the browser is sent to sign in and brought back.
 */
@Injectable()
export class ProblemPage {
  constructor(private readonly pages: PageRenderer) {}

  /** A person's name as the pages give it, for a problem that names who can put it right. */
  nameOf(userId: string): string {
    return this.pages.nameOf(userId);
  }

  async show(request: PageRequest, reply: FastifyReply, problem: PageProblem): Promise<void> {
    if (problem.status === 401) {
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
      return this.pages.redirect(reply, `${PAGES}/sign-in${next}`);
    }
    const csrf = isCsrfRefusal(problem);
    await this.pages.render(
      request,
      reply,
      'error.njk',
      {
        title: csrf ? 'This form has expired' : (TITLES[problem.status] ?? TITLES[problem.status >= 500 ? 500 : 400]),
        detail: csrf
          ? 'The form was not sent from this service, or was open too long. Go back, reload the page and try again.'
          : problem.detail,
        status: problem.status,
      },
      problem.status,
    );
  }
}

/**
 * @fastify/csrf-protection refuses with a FastifyError (403, "Invalid csrf token" or "Missing csrf
 * secret"), which Nest turns into a plain HttpException before the filter sees it: the message is all that is left.
 */
function isCsrfRefusal(problem: PageProblem): boolean {
  return problem.status === 403 && /\bcsrf\b/i.test(problem.detail);
}
