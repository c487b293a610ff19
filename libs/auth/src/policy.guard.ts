import { createSecretKey, type KeyObject } from 'node:crypto';
import { CanActivate, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessDenied } from './access-denied';
import { permits, type Action } from './policy';
import type { LiveSessions } from './live-sessions';
import type { Actor } from './role';
import { SESSION_COOKIE, readSessionWithId } from './session';
import { InvalidToken, readTokenWithExpiry } from './tokens';

const ACTION = Symbol('policy-action');
const PUBLIC = Symbol('public-route');
const WEB_PAGE = Symbol('web-page');

/** The policy action a route performs; a route without one is refused to everybody. */
export const Can = (action: Action) => SetMetadata(ACTION, action);
/** A route anyone may call without a token (health, the OpenAPI document). */
export const Public = () => SetMetadata(PUBLIC, true);
/** A web page: its caller is signed in by the session cookie, not a bearer token. Same policy table. */
export const WebPage = () => SetMetadata(WEB_PAGE, true);

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  /** Parsed by @fastify/cookie, where the app registers it (the web pages). */
  cookies?: Record<string, string | undefined>;
  actor?: Actor;
  /** The web page session's id, once the guard has found it live (sign out, sign out everywhere). */
  sessionId?: string;
}

/** How the guard signs in a web page's caller: the session cookie's secret, and the store's word on whether the session is still live. */
export interface PageSessions {
  secret: string;
  live: LiveSessions;
}

/** How the JSON API reads a bearer token: HS256 from `cli token` on a local run, the provider's access tokens otherwise. */
export interface BearerTokens {
  read(token: string): Actor | Promise<Actor>;
  /** What a caller without a token is told to send. */
  hint: string;
}

/** How many verified bearer tokens `hs256Bearer` remembers (a client sends the same one with every request). */
const REMEMBERED_TOKENS = 1000;

/** HS256 tokens signed with JWT_SECRET (or the local secret): runs without an identity provider only. */
export function hs256Bearer(secret: string): BearerTokens {
  // Made once: building the key from the secret on every request cost a tenth of a command's time.
  const key: KeyObject = createSecretKey(Buffer.from(secret, 'utf8'));
  // A token's signature, issuer, audience and role never change, so one verified is not verified again
  // (a twentieth of a command's time) until its expiry, which is checked on every use as jsonwebtoken
  // checks it (the system time, in whole seconds). The oldest is forgotten first.
  const verified = new Map<string, { actor: Actor; expiresAt: number }>();
  const read = (token: string): Actor => {
    const known = verified.get(token);
    if (known !== undefined && Math.floor(Date.now() / 1000) < known.expiresAt) return known.actor;
    verified.delete(token);
    const { actor, expiresAt } = readTokenWithExpiry(token, key);
    if (verified.size >= REMEMBERED_TOKENS) verified.delete(verified.keys().next().value as string);
    verified.set(token, { actor, expiresAt });
    return actor;
  };
  return { read, hint: '`npm run cli -- token --user <id> --role <role>` makes one' };
}

/**
 * Global guard: every route is authenticated and checked against the one policy table.
 * Built by the app with how bearer tokens are read and the session secret (see `apps/api`), not injected.
 */
export class PolicyGuard implements CanActivate {
  private readonly sessionKey: KeyObject | undefined;

  /** Without `pages` no route can be a web page: the API alone takes bearer tokens only. */
  constructor(
    private readonly reflector: Reflector,
    private readonly bearerTokens: BearerTokens,
    private readonly pages?: PageSessions,
  ) {
    this.sessionKey = pages === undefined ? undefined : createSecretKey(Buffer.from(pages.secret, 'utf8'));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = this.reflector.getAllAndOverride<boolean>(WEB_PAGE, targets) ? await this.session(request) : await this.bearer(request);
    request.actor = actor;
    const action = this.reflector.getAllAndOverride<Action | undefined>(ACTION, targets);
    if (!action) throw new AccessDenied('This route has no entry in the policy table, so nobody may use it');
    const permission = permits(actor, action);
    if (!permission.allowed) throw new AccessDenied(permission.reason);
    return true;
  }

  /** A genuine cookie is not enough: its session must not have been ended, gone idle or outlived its lifetime. */
  private async session(request: AuthenticatedRequest): Promise<Actor> {
    if (!this.sessionKey || !this.pages) throw new Error('A web page route, but the guard was built without a session secret');
    const { actor, sessionId } = readSessionWithId(request.cookies?.[SESSION_COOKIE], this.sessionKey);
    await this.pages.live.assertLive(sessionId, actor);
    request.sessionId = sessionId;
    return actor;
  }

  private async bearer(request: AuthenticatedRequest): Promise<Actor> {
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Bearer ')) {
      throw new InvalidToken(`send an Authorization: Bearer <token> header (${this.bearerTokens.hint})`);
    }
    return this.bearerTokens.read(header.slice('Bearer '.length).trim());
  }
}
