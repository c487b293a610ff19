import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@hmicfrs/config';
import { Projector, ProjectionStatusReader } from '@hmicfrs/projections';
import type { CliCommand } from './cli-command';
import { ReadModelsModule } from './read-models.module';

export const projectCommand: CliCommand = {
  name: 'project',
  summary: 'project [--once]: run the projector alone (for an API started with PROJECTOR=false) until stopped; --once: catch up and exit',
  async run(args) {
    const { values } = parseArgs({ args, options: { once: { type: 'boolean', default: false } } });
    const config = loadConfig(process.env);
    const app = await NestFactory.createApplicationContext(ReadModelsModule.forRoot(config, { runProjector: !values.once }), {
      logger: ['error', 'warn', 'log'],
    });
    try {
      if (values.once) {
        const projected = await app.get(Projector).catchUp();
        if (!projected) console.error('Another process is projecting (it holds the projector lease); nothing to do here.');
      } else {
        console.error('Projecting; Ctrl-C to stop.');
        await stopSignal();
      }
      const { store, projections } = await app.get(ProjectionStatusReader).status();
      for (const projection of projections)
        console.log(`${projection.name}: at ${projection.position ?? 'the start'} of ${store.position ?? 'an empty store'}`);
      return 0;
    } finally {
      await app.close();
    }
  },
};

function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}
