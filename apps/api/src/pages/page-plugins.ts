import { createHash, createHmac, createSecretKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import helmet from 'helmet';
import nunjucks from 'nunjucks';
import { SESSION_COOKIE, sessionIdIn } from '@hmicfrs/auth';
import { EvidenceIntake } from '@hmicfrs/evidence';
import { MAX_IMPORT_BYTES } from '@hmicfrs/import';
import { readEvidencePageForms } from './items/evidence-page-form';
import { configureNunjucks } from './nunjucks-filters';
import { readMultipartForm } from './uploads';
import { PAGES, isPageUrl } from './web-pages';

const GOVUK = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

/** The pages' stylesheet, scripts, fonts and images: govuk-frontend's, and ours. Nothing else is served. */
const ASSETS = [join(GOVUK, 'govuk', 'assets'), join(GOVUK, 'govuk'), join(__dirname, 'static')];
const ASSET_FILE = /^\/(?:govuk-frontend\.min\.(?:css|js)(?:\.map)?|pages\.css|init\.js|(?:fonts|images)\/[\w.-]+|manifest\.json)$/;

/**
 * govuk-frontend needs nothing from elsewhere: its one inline script carries the page's nonce, and
 * charts are inline SVG. No `upgrade-insecure-requests`: a local run is plain HTTP. Forms post here only,
 * but "Sign out" then sends the browser on to the provider's own sign-out, which `form-action` must allow
 * (`signOutOrigin`): browsers hold a form's redirects to it as well.
 */
function pageCsp(signOutOrigin: string | undefined) {
  return {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      formAction: ["'self'", ...(signOutOrigin === undefined ? [] : [signOutOrigin])],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
    },
  };
}

/**
 * What a page's CSRF token is bound to: the id of the session its cookie names (`no session` before
 * signing in: the CSRF library refuses an empty binding).
 * A token made in one session is refused in another, even from the same browser's CSRF cookie.
 */
export type CsrfBinding = (request: FastifyRequest) => string;

export function csrfBinding(sessionSecret: string): CsrfBinding {
  const key = createSecretKey(Buffer.from(sessionSecret, 'utf8'));
  return (request) => sessionIdIn(request.cookies?.[SESSION_COOKIE], key) || 'no session';
}

/**
 * The plugins the web pages need, registered before Nest adds its routes: cookies, CSRF tokens,
 * security headers, Nunjucks views and the static assets. Page routes (under /app) get a nonce for
 * their CSP and a CSRF check on every POST; the JSON API keeps helmet's default headers only.
 */
export async function registerPagePlugins(
  app: NestFastifyApplication,
  sessionSecret: string,
  signOutOrigin: string | undefined,
): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const csp = pageCsp(signOutOrigin);
  fastify.addHook('onRoute', (route) => onPageRoute(fastify, route, csp));
  // People type the server's address: send them to the pages (the JSON API has nothing at /).
  fastify.get('/', (_request, reply) => reply.redirect(PAGES, 302));
  await fastify.register(fastifyCookie, { secret: sessionSecret });
  await fastify.register(fastifyCsrf, {
    cookieKey: 'csrf',
    cookieOpts: { path: '/app', sameSite: 'lax', httpOnly: true, signed: true, secure: 'auto' },
    // Each token carries the session's id under an HMAC (PageRenderer makes them with the same binding).
    getUserInfo: csrfBinding(sessionSecret),
    csrfOpts: { hmacKey: createHmac('sha256', sessionSecret).update('csrf-tokens').digest() },
  });
  // The register upload's form: a larger file or a second one is refused before it is read.
  await fastify.register(fastifyMultipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, parts: 11 } });
  fastify.addHook('preValidation', readMultipartForm);
  readEvidencePageForms(fastify, app.get(EvidenceIntake));
  const headers = { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, scriptSrc: ["'self'", templateScriptHash()] } } };
  // The plugin for the pages (a nonce in each one's CSP); every other answer (the JSON API, the assets, a
  // 404) gets the same headers from one helmet made here once: the plugin makes one for every request.
  await fastify.register(fastifyHelmet, { global: false, ...headers });
  const securityHeaders = helmet(headers);
  fastify.addHook('onRequest', (request, reply, done) => {
    // A page's route carries its own helmet options (`onPageRoute`); helmet throws rather than pass on an error.
    if ((request.routeOptions.config as { helmet?: object }).helmet === undefined) securityHeaders(request.raw, reply.raw, () => done());
    else done();
  });
  await fastify.register(fastifyView, {
    engine: { nunjucks },
    templates: [join(__dirname, 'views'), GOVUK],
    production: true,
    options: { autoescape: true, throwOnUndefined: false, onConfigure: configureNunjucks },
  });
  await fastify.register(fastifyStatic, {
    root: ASSETS,
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    allowedPath: (path) => ASSET_FILE.test(path),
    maxAge: '1d',
  });
}

/**
 * The hash of govuk-frontend's one inline script (it marks the page as able to run its JavaScript), for
 * the pages no route renders (a 404) and so get no nonce. Read from the installed template, so an
 * upgrade of govuk-frontend cannot leave it stale.
 */
function templateScriptHash(): string {
  const template = readFileSync(join(GOVUK, 'govuk', 'template.njk'), 'utf8');
  const script = /<script[^>]*>([\s\S]*?)<\/script>/.exec(template)?.[1];
  if (script === undefined) throw new Error("govuk-frontend's template.njk has no inline script any more: review the pages' CSP");
  return `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
}

function onPageRoute(fastify: FastifyInstance, route: RouteOptions, csp: ReturnType<typeof pageCsp>): void {
  if (!isPageUrl(route.url)) return;
  route.config = {
    ...(route.config as object),
    helmet: { enableCSPNonces: true, contentSecurityPolicy: csp },
  } as RouteOptions['config'];
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (methods.includes('POST')) {
    const existing = route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
    // Bound late: the plugin decorates the instance when it loads, after this hook is added.
    route.preHandler = [...existing, (request, reply, done) => fastify.csrfProtection(request, reply, done)];
  }
}
