import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { secureDataDir, type AppConfig } from '@hmicfrs/config';
import { AppModule } from './app.module';
import { registerPagePlugins } from './pages/page-plugins';
import { SECRETS, type Secrets } from './pages/session/secrets';

/** Builds the HTTP application (shared by `main.ts`, the end-to-end tests and the benchmarks). */
export async function createHttpApp(config: AppConfig, options: { logger?: false } = {}): Promise<NestFastifyApplication> {
  // The data directory the owner's only (0700), before the stores open in it; and again once they have made their files.
  secureDataDir(config.DATA_DIR);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), new FastifyAdapter({ bodyLimit: 1024 * 1024 }), {
    logger: options.logger ?? ['error', 'warn', 'log'],
    abortOnError: false,
  });
  app.enableShutdownHooks();
  // Before `init()`: the pages' hooks must see Nest's routes being added.
  await registerPagePlugins(app, app.get<Secrets>(SECRETS).session);
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
