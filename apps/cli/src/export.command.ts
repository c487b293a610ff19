import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, type AppConfig } from '@hmicfrs/config';
import { EventStoreModule } from '@hmicfrs/event-store';
import { InvalidRegisterFilter, REGISTER_FILTER_PARAMS, exportRegister, registerFilterFrom } from '@hmicfrs/export';
import { Projector, ProjectionsModule, RegisterQueries } from '@hmicfrs/projections';
import type { CliCommand } from './commands';
import { UsageError } from './commands';

/** The read side alone, without HTTP: the store and the projections, the projector not running on its own. */
@Module({})
class ReadSide {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ReadSide,
      imports: [
        EventStoreModule.forRoot({ dataDir: config.DATA_DIR, connectionString: config.EVENTSTORE_CONNECTION_STRING }),
        ProjectionsModule.forRoot({ dataDir: config.DATA_DIR, runProjector: false }),
      ],
    };
  }
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: `export [--format csv|xlsx] [--out file] [--${REGISTER_FILTER_PARAMS.join(' … --')} …]: the register, filtered like GET /recommendations`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        format: { type: 'string', default: 'csv' },
        out: { type: 'string' },
        ...Object.fromEntries(REGISTER_FILTER_PARAMS.map((name) => [name, { type: 'string' as const }])),
      },
    });
    const format = values.format;
    if (format !== 'csv' && format !== 'xlsx') throw new UsageError('--format must be csv or xlsx');
    let filter;
    try {
      filter = registerFilterFrom(values as Record<string, string | undefined>);
    } catch (error) {
      if (error instanceof InvalidRegisterFilter) throw new UsageError(`--${error.message}`);
      throw error;
    }
    const config = loadConfig(process.env);
    const app = await NestFactory.createApplicationContext(ReadSide.forRoot(config), { logger: ['error', 'warn'] });
    try {
      // The read models are as fresh as the store: another process (the API) may be projecting already.
      await app.get(Projector).catchUp();
      const today = new Date().toISOString().slice(0, 10);
      const file = await exportRegister(app.get(RegisterQueries), filter, format, today);
      const out = values.out ?? file.fileName;
      writeFileSync(out, file.bytes);
      console.log(`${file.rows} items written to ${out}`);
      return 0;
    } finally {
      await app.close();
    }
  },
};
