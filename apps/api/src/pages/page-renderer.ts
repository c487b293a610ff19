import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/csrf-protection';
import type {} from '@fastify/helmet';
import type {} from '@fastify/view';
import { permits, type Action, type Actor } from '@hmicfrs/auth';
import { personId } from '@hmicfrs/lifecycle';
import { PeopleQueries, Projector } from '@hmicfrs/projections';
import { WrittenPositions } from '@hmicfrs/workflow';
import { awaitOwnWrites } from '../read-your-writes';
import { submissionIdOf, type FormBody } from './forms/form';
import { csrfBinding, type CsrfBinding } from './page-plugins';
import { LOCAL_USERS, type LocalUser } from './session/local-users';
import { SECRETS, type Secrets } from './session/secrets';
import { PAGES } from './web-pages';

export type PageRequest = FastifyRequest & { actor?: Actor };

/** The service's sections, each shown to the roles the policy lets read it. */
const SECTIONS: { text: string; href: string; action: Action }[] = [
  { text: 'Needs you', href: `${PAGES}/home`, action: 'recommendation.read' },
  { text: 'Register', href: `${PAGES}/register`, action: 'recommendation.read' },
  { text: 'Approvals', href: `${PAGES}/approvals`, action: 'approvals.read' },
  { text: 'Committee report', href: `${PAGES}/committee-report`, action: 'reports.read' },
  { text: 'Inspection reports', href: `${PAGES}/inspection-reports`, action: 'recommendation.read' },
  { text: 'Import', href: `${PAGES}/imports`, action: 'imports.run' },
  { text: 'People', href: `${PAGES}/people`, action: 'people.read' },
];

/**
 * Renders a page with what every page needs: who is signed in, the sections they may open, a CSRF
 * token for its forms (bound to the session), a one-time submission id for a form that writes, and the CSP nonce for govuk-frontend's one inline script. Pages are personal:
 * never cached.
 */
@Injectable()
export class PageRenderer {
  private readonly names: ReadonlyMap<string, string>;
  private readonly csrfBinding: CsrfBinding;

  constructor(
    @Inject(LOCAL_USERS) users: LocalUser[] | null,
    private readonly people: PeopleQueries,
    private readonly positions: WrittenPositions,
    private readonly projector: Projector,
    @Inject(SECRETS) secrets: Secrets,
  ) {
    this.names = new Map((users ?? []).map((user) => [personId(user.userId), user.name]));
    this.csrfBinding = csrfBinding(secrets.session);
  }

  async render(request: PageRequest, reply: FastifyReply, view: string, data: object = {}, status = 200): Promise<void> {
    await this.ownWritesShown();
    const actor = request.actor;
    const html = await reply.viewAsync(view, {
      // A form shown again after a post keeps its submission id: sent once more, it is still one command.
      formId: submissionIdOf(request.body as FormBody),
      ...data,
      actor,
      actorName: actor ? this.nameOf(actor.userId) : undefined,
      sections: actor ? this.sections(actor, request.url) : [],
      csrfToken: reply.generateCsrf({ userInfo: this.csrfBinding(request) }),
      cspNonce: reply.cspNonce?.script,
      nameOf: (userId: string) => this.nameOf(userId),
    });
    await reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  }

  /** POST/redirect/GET: a form that worked sends the browser to the page that shows the result. */
  async redirect(reply: FastifyReply, url: string): Promise<void> {
    await this.ownWritesShown();
    await reply.status(303).header('location', url).send();
  }

  /**
   * A person's name from the directory of people; for someone not (yet) in its read model, the users
   * file's name on a local run; only then the id itself, which is all an older event may give.
   */
  nameOf(userId: string): string {
    return this.people.nameOf(userId) ?? this.names.get(personId(userId)) ?? userId;
  }

  /**
   * Read your own writes: what this request wrote is in the read models before any page is shown or
   * redirected to (the queue, the register, the audit trail), waiting at most a second; after that the
   * page shows what they hold.
   */
  private async ownWritesShown(): Promise<void> {
    await awaitOwnWrites(this.positions, this.projector);
  }

  private sections(actor: Actor, url: string) {
    return SECTIONS.filter((section) => permits(actor, section.action).allowed).map((section) => ({
      text: section.text,
      href: section.href,
      current: url === section.href || url.startsWith(`${section.href}?`),
      active: url.startsWith(section.href),
    }));
  }
}
