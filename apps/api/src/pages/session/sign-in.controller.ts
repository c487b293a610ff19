import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { InvalidToken, Public, SESSION_COOKIE, SESSION_SECONDS, issueSession, readToken, type Actor } from '@hmicfrs/auth';
import { errorsForPage, text, type FieldError, type FormBody } from '../forms/form';
import { PageRenderer, type PageRequest } from '../page-renderer';
import { PAGES, safeNext } from '../web-pages';
import { LOCAL_USERS, type LocalUser } from './local-users';
import { SECRETS, type Secrets } from './secrets';

/** The session cookie: unreadable by scripts, not sent by other sites' forms, only to the pages. */
const COOKIE = { path: PAGES, httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: SESSION_SECONDS } as const;

/** Sign in (with a token, or by choosing a user when local sign-in is on) and sign out. */
@ApiExcludeController()
@Controller('sign-in')
export class SignInController {
  constructor(
    private readonly pages: PageRenderer,
    @Inject(LOCAL_USERS) private readonly users: LocalUser[] | null,
    @Inject(SECRETS) private readonly secrets: Secrets,
  ) {}

  @Public()
  @Get()
  async form(@Req() request: PageRequest, @Res() reply: FastifyReply, @Query('next') next?: string, @Query('signedOut') signedOut?: string): Promise<void> {
    await this.show(request, reply, { next: safeNext(next), signedOut: signedOut === 'yes' }, [], 200);
  }

  @Public()
  @Post()
  @HttpCode(303)
  async chooseUser(@Req() request: PageRequest, @Res() reply: FastifyReply, @Body() body: FormBody): Promise<void> {
    const next = safeNext(text(body, 'next'));
    const chosen = this.users?.find((user) => user.userId === text(body, 'user'));
    if (!this.users) {
      return this.show(request, reply, { next }, [{ field: 'token', text: 'Sign in with a token: choosing a user is switched off on this server' }], 400);
    }
    if (!chosen) return this.show(request, reply, { next }, [{ field: 'user', text: 'Select who you are' }], 422);
    await this.signIn(reply, { userId: chosen.userId, role: chosen.role }, next);
  }

  @Public()
  @Post('token')
  @HttpCode(303)
  async withToken(@Req() request: PageRequest, @Res() reply: FastifyReply, @Body() body: FormBody): Promise<void> {
    const next = safeNext(text(body, 'next'));
    const token = text(body, 'token').replace(/^Bearer\s+/i, '');
    if (!token) return this.show(request, reply, { next }, [{ field: 'token', text: 'Enter your token' }], 422);
    let actor: Actor;
    try {
      actor = readToken(token, this.secrets.token);
    } catch (error) {
      if (!(error instanceof InvalidToken)) throw error;
      return this.show(request, reply, { next, token }, [{ field: 'token', text: `That token cannot be used: ${error.message.replace(/^Invalid bearer token: /, '')}` }], 422);
    }
    await this.signIn(reply, actor, next);
  }

  private async signIn(reply: FastifyReply, actor: Actor, next: string): Promise<void> {
    reply.setCookie(SESSION_COOKIE, issueSession(actor, this.secrets.session), COOKIE);
    await this.pages.redirect(reply, next);
  }

  private show(request: PageRequest, reply: FastifyReply, data: object, errors: FieldError[], status: number): Promise<void> {
    return this.pages.render(request, reply, 'sign-in.njk', { title: 'Sign in', users: this.users, ...data, ...errorsForPage(errors) }, status);
  }
}

/** Signing out forgets the session; the browser goes back to the sign-in page. */
@ApiExcludeController()
@Controller('sign-out')
export class SignOutController {
  constructor(private readonly pages: PageRenderer) {}

  @Public()
  @Post()
  @HttpCode(303)
  async signOut(@Res() reply: FastifyReply): Promise<void> {
    reply.clearCookie(SESSION_COOKIE, { path: PAGES });
    await this.pages.redirect(reply, `${PAGES}/sign-in?signedOut=yes`);
  }
}
