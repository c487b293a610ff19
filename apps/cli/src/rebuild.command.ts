import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@hmicfrs/config';
import { RebuildAlreadyRunning, Rebuilder, UnknownProjection } from '@hmicfrs/projections';
import { UsageError, type CliCommand } from './cli-command';
import { ReadModelsModule } from './read-models.module';
import { rebuildProgressBar } from './rebuild-progress';

export const rebuildCommand: CliCommand = {
  name: 'rebuild',
  summary:
    'rebuild [projection …]: replay the whole log into fresh tables and swap them in when caught up (every projection when none is named)',
  async run(names) {
    const config = loadConfig(process.env);
    const app = await NestFactory.createApplicationContext(ReadModelsModule.forRoot(config, { runProjector: false }), {
      logger: ['error', 'warn'],
    });
    try {
      await app.get(Rebuilder).rebuild(names, rebuildProgressBar());
      return 0;
    } catch (error) {
      // Nothing was swapped: the live read models are as they were.
      if (error instanceof UnknownProjection) throw new UsageError(error.message);
      if (!(error instanceof RebuildAlreadyRunning)) throw error;
      console.error(error.message);
      return 1;
    } finally {
      await app.close();
    }
  },
};
