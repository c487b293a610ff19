import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { OidcProvider } from '@hmicfrs/auth';
import type { Clock } from '@hmicfrs/clock';
import { secureDataDir, type AppConfig } from '@hmicfrs/config';
import type { FastifyInstance } from 'fastify';
import { WrittenPositions } from '@hmicfrs/workflow';
import { AppModule } from './app.module';
import { limitBodies } from './body-limits';
import { parseFileBodies } from './file-bodies';
import { closeOnlyIdleConnections } from './idle-connections';
import { trackWrittenPositions } from './read-your-writes';
import { registerPagePlugins } from './pages/page-plugins';
import { OIDC } from './pages/session/oidc';
import { SECRETS, type Secrets } from './pages/session/secrets';

/** A route the server answers: its method and its address as registered (`/recommendations/:id/rate`). */
export interface ServedRoute {
  method: string;
  url: string;
}

const SERVED = new WeakMap<NestFastifyApplication, ServedRoute[]>();

/**
 * Every route the application registered, Nest's and Fastify's alike, read from the server itself so
 * that the tests which must cover every route (bad input, CSRF) cover a new one the day it is added.
 */
export function servedRoutes(app: NestFastifyApplication): readonly ServedRoute[] {
  return SERVED.get(app) ?? [];
}

/**
 * The server's limits: a body of at most 1 MB (the import's route takes more), and timeouts so that
 * slow or idle clients cannot hold sockets open: headers within HTTP_HEADERS_TIMEOUT_SECONDS, the whole
 * request within HTTP_REQUEST_TIMEOUT_SECONDS, a kept-alive connection idle for at most
 * HTTP_IDLE_TIMEOUT_SECONDS. Node checks the first two every `connectionsCheckingInterval` (30 s unless
 * told), so it is checked every second instead, or the timeouts would be up to 30 s late. The idle
 * timeout is advertised (`Keep-Alive: timeout=N`, which Node's fetch takes as leave 2 s before N) and
 * kept a second longer than that by Node; `closeOnlyIdleConnections` spares a connection whose next
 * request is already waiting when a busy server gets round to the timer.
 */
function serverOptions(config: AppConfig) {
  return {
    bodyLimit: 1024 * 1024,
    requestTimeout: config.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
    keepAliveTimeout: config.HTTP_IDLE_TIMEOUT_SECONDS * 1000,
    http: { headersTimeout: config.HTTP_HEADERS_TIMEOUT_SECONDS * 1000, connectionsCheckingInterval: 1000 },
  };
}

/**
 * Builds the HTTP application (shared by `main.ts`, the end-to-end tests and the benchmarks). `clock`:
 * the one clock, the system's unless a test moves time on (session timeouts).
 */
export async function createHttpApp(config: AppConfig, options: { logger?: false; clock?: Clock } = {}): Promise<NestFastifyApplication> {
  // The data directory the owner's only (0700), before the stores open in it; and again once they have made their files.
  secureDataDir(config.DATA_DIR);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options.clock),
    new FastifyAdapter(serverOptions(config)),
    {
      logger: options.logger ?? ['error', 'warn', 'log'],
      abortOnError: false,
    },
  );
  app.enableShutdownHooks();
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  closeOnlyIdleConnections(fastify.server);
  const served: ServedRoute[] = [];
  SERVED.set(app, served);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) served.push({ method, url: route.url });
  });
  trackWrittenPositions(fastify, app.get(WrittenPositions));
  limitBodies(fastify);
  parseFileBodies(fastify);
  // Before `init()`: the pages' hooks must see Nest's routes being added.
  const oidc = app.get<OidcProvider | null>(OIDC);
  await registerPagePlugins(app, app.get<Secrets>(SECRETS).session, oidc?.signOutOrigin);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('HMICFRS recommendations')
      .setDescription('Recommendations, causes of concern and areas for improvement, from receipt to HMICFRS sign-off.')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  await app.init();
  secureDataDir(config.DATA_DIR);
  return app;
}
