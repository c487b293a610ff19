import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  Can,
  InvalidToken,
  NotSignedIn,
  Public,
  SESSION_COOKIE,
  SignInFailed,
  WebPage,
  issueSession,
  readSessionWithId,
  readToken,
  type Actor,
  type OidcProvider,
  type SignInChecks,
} from '@hmicfrs/auth';
import type { SignedInWith } from '@hmicfrs/lifecycle';
import { PeopleDirectory, Sessions } from '@hmicfrs/workflow';
import { errorsForPage, text, type FieldError, type FormBody } from '../forms/form';
import { PageRenderer, type PageRequest } from '../page-renderer';
import { PAGES, safeNext } from '../web-pages';
import { LOCAL_USERS, type LocalUser } from './local-users';
import { OIDC } from './oidc';
import { SECRETS, type Secrets } from './secrets';

/** The session cookie: unreadable by scripts, not sent by other sites' forms, only to the pages; it lives as long as a session may (SESSION_MAX_HOURS). */
const COOKIE = { path: PAGES, httpOnly: true, sameSite: 'lax', secure: 'auto' } as const;

/** What a sign-in with the provider keeps while the browser is away: signed, for the callback only, ten minutes. */
const CHECKS_COOKIE = 'oidc-sign-in';
const CHECKS = { path: `${PAGES}/sign-in`, httpOnly: true, sameSite: 'lax', secure: 'auto', signed: true, maxAge: 600 } as const;
/** The provider's ID token, kept only to name the session when signing out there (`id_token_hint`). */
export const ID_TOKEN_COOKIE = 'id-token';

/** Sign in (with a token, or by choosing a user when local sign-in is on) and sign out. */
@ApiExcludeController()
@Controller('sign-in')
export class SignInController {
  constructor(
    private readonly pages: PageRenderer,
    @Inject(LOCAL_USERS) private readonly users: LocalUser[] | null,
    @Inject(SECRETS) private readonly secrets: Secrets,
    @Inject(OIDC) private readonly oidc: OidcProvider | null,
    private readonly directory: PeopleDirectory,
    private readonly sessions: Sessions,
  ) {}

  /** Off to the force's provider: authorization code with PKCE; state, nonce and verifier kept in a signed cookie. */
  @Public()
  @Get('oidc')
  async withProvider(@Res() reply: FastifyReply, @Query('next') next?: string): Promise<void> {
    if (!this.oidc) return this.pages.redirect(reply, `${PAGES}/sign-in`);
    const { url, checks } = this.oidc.begin();
    reply.setCookie(CHECKS_COOKIE, JSON.stringify({ ...checks, next: safeNext(next) }), CHECKS);
    await this.pages.redirect(reply, url);
  }

  /** Back from the provider: a session for the person in the role their provider role maps to, or a page saying whom to ask. */
  @Public()
  @Get('callback')
  async callback(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!this.oidc) return this.pages.redirect(reply, `${PAGES}/sign-in`);
    const kept = this.checksOf(request);
    reply.clearCookie(CHECKS_COOKIE, { path: CHECKS.path });
    if (!kept)
      return this.show(
        request,
        reply,
        {},
        [{ field: 'provider', text: 'The sign-in took too long or was started elsewhere: sign in again' }],
        400,
      );
    let person;
    try {
      person = await this.oidc.finish(request.url, kept);
    } catch (error) {
      if (!(error instanceof SignInFailed)) throw error;
      return this.show(request, reply, {}, [{ field: 'provider', text: error.message }], 400);
    }
    if (person.role === undefined) {
      return this.pages.render(request, reply, 'no-role.njk', { title: 'You have no role in this service', person }, 403);
    }
    const actor = { userId: person.userId, role: person.role };
    // The first sign-in puts them in the directory from the provider's claims: from then on items can be theirs.
    await this.directory.signedIn({ id: person.userId, name: person.name, email: person.email ?? null, roles: [person.role] }, actor);
    if (person.idToken) reply.setCookie(ID_TOKEN_COOKIE, person.idToken, { ...COOKIE, maxAge: this.sessions.lifetimeSeconds });
    await this.signIn(reply, actor, kept.next, 'provider');
  }

  private checksOf(request: PageRequest): (SignInChecks & { next: string }) | undefined {
    const raw = request.cookies?.[CHECKS_COOKIE];
    if (!raw) return undefined;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || unsigned.value === null) return undefined;
    try {
      const parsed = JSON.parse(unsigned.value) as SignInChecks & { next: string };
      return typeof parsed.state === 'string' && typeof parsed.nonce === 'string' && typeof parsed.codeVerifier === 'string'
        ? parsed
        : undefined;
    } catch {
      return undefined;
    }
  }

  @Public()
  @Get()
  async form(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Query('next') next?: string,
    @Query('signedOut') signedOut?: string,
  ): Promise<void> {
    await this.show(request, reply, { next: safeNext(next), signedOut: signedOut === 'yes' }, [], 200);
  }

  @Public()
  @Post()
  @HttpCode(303)
  async chooseUser(@Req() request: PageRequest, @Res() reply: FastifyReply, @Body() body: FormBody): Promise<void> {
    const next = safeNext(text(body, 'next'));
    const chosen = this.users?.find((user) => user.userId === text(body, 'user'));
    if (!this.users) {
      return this.show(
        request,
        reply,
        { next },
        [{ field: 'token', text: 'Sign in with a token: choosing a user is switched off on this server' }],
        400,
      );
    }
    if (!chosen) return this.show(request, reply, { next }, [{ field: 'user', text: 'Select who you are' }], 422);
    const actor = { userId: chosen.userId, role: chosen.role };
    // The users file is a local run's provider: its people join the directory as the provider's do.
    await this.directory.signedIn({ id: chosen.userId, name: chosen.name, email: null, roles: [chosen.role] }, actor);
    await this.signIn(reply, actor, next, 'users-file');
  }

  @Public()
  @Post('token')
  @HttpCode(303)
  async withToken(@Req() request: PageRequest, @Res() reply: FastifyReply, @Body() body: FormBody): Promise<void> {
    const next = safeNext(text(body, 'next'));
    if (this.oidc)
      return this.show(
        request,
        reply,
        { next },
        [{ field: 'provider', text: 'Sign in with your force account: tokens are for local runs only' }],
        400,
      );
    const token = text(body, 'token').replace(/^Bearer\s+/i, '');
    if (!token) return this.show(request, reply, { next }, [{ field: 'token', text: 'Enter your token' }], 422);
    let actor: Actor;
    try {
      actor = readToken(token, this.secrets.token);
    } catch (error) {
      if (!(error instanceof InvalidToken)) throw error;
      return this.show(
        request,
        reply,
        { next, token },
        [{ field: 'token', text: `That token cannot be used: ${error.message.replace(/^Invalid bearer token: /, '')}` }],
        422,
      );
    }
    await this.signIn(reply, actor, next, 'token');
  }

  /** A new session at every sign-in (`SessionStarted` on the person's sessions stream), its id in the cookie. */
  private async signIn(reply: FastifyReply, actor: Actor, next: string, signedInWith: SignedInWith): Promise<void> {
    const sessionId = await this.sessions.start(actor, signedInWith);
    const lifetime = this.sessions.lifetimeSeconds;
    reply.setCookie(SESSION_COOKIE, issueSession(actor, this.secrets.session, sessionId, lifetime), { ...COOKIE, maxAge: lifetime });
    await this.pages.redirect(reply, next);
  }

  private show(request: PageRequest, reply: FastifyReply, data: object, errors: FieldError[], status: number): Promise<void> {
    return this.pages.render(
      request,
      reply,
      'sign-in.njk',
      { title: 'Sign in', users: this.users, provider: this.oidc !== null, ...data, ...errorsForPage(errors) },
      status,
    );
  }
}

/**
 * Signing out ends the session here (`SessionEnded`, so no instance takes its cookie again) and, where
 * the provider supports it, there too (RP-initiated logout): the browser goes to the provider's
 * end-session endpoint and comes back to the sign-in page. "Sign out everywhere" ends every session of
 * the signed-in person, on every browser.
 */
@ApiExcludeController()
@Controller('sign-out')
export class SignOutController {
  constructor(
    private readonly pages: PageRenderer,
    @Inject(OIDC) private readonly oidc: OidcProvider | null,
    @Inject(SECRETS) private readonly secrets: Secrets,
    private readonly sessions: Sessions,
  ) {}

  /** Public: a session that has already ended or gone idle can still sign out, which forgets its cookies. */
  @Public()
  @Post()
  @HttpCode(303)
  async signOut(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const session = this.sessionOf(request);
    if (session) await this.sessions.end(session.sessionId, session.actor);
    await this.leave(request, reply, `${PAGES}/sign-in?signedOut=yes`);
  }

  @WebPage()
  @Can('sessions.end-own')
  @Post('everywhere')
  @HttpCode(303)
  async everywhere(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.sessions.endAll(request.actor!.userId, { actor: request.actor! });
    await this.leave(request, reply, `${PAGES}/sign-in?signedOut=yes`);
  }

  /** `back`: the one address the provider knows to send the browser back to after its own sign-out. */
  private async leave(request: PageRequest, reply: FastifyReply, back: string): Promise<void> {
    const idToken = request.cookies?.[ID_TOKEN_COOKIE];
    reply.clearCookie(SESSION_COOKIE, { path: PAGES });
    reply.clearCookie(ID_TOKEN_COOKIE, { path: PAGES });
    const there = this.oidc?.endSessionUrl(idToken, back);
    await this.pages.redirect(reply, there ?? back);
  }

  /** The session a genuine cookie names, live or not; none for a missing, forged or expired one. */
  private sessionOf(request: PageRequest): { actor: Actor; sessionId: string } | undefined {
    try {
      return readSessionWithId(request.cookies?.[SESSION_COOKIE], this.secrets.session);
    } catch (error) {
      if (error instanceof NotSignedIn) return undefined;
      throw error;
    }
  }
}
