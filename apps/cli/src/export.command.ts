import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CLOCK, todayOf, type Clock } from '@hmicfrs/clock';
import { loadConfig } from '@hmicfrs/config';
import { ExportQuery, exportRegister } from '@hmicfrs/export';
import { Projector, RegisterQueries } from '@hmicfrs/projections';
import { UsageError, type CliCommand } from './cli-command';
import { ReadModelsModule } from './read-models.module';

/** The register's filters, as GET /recommendations names them; @hmicfrs/export's query class checks them, as it does for the API. */
const FILTERS = ['status', 'kind', 'level', 'rag', 'owner', 'report', 'addressee', 'closed', 'overdue', 'dueWithinDays'] as const;

export const exportCommand: CliCommand = {
  name: 'export',
  summary: `export [--format csv|xlsx] [--out file] [--${FILTERS.join(' … --')} …]: the register, filtered like GET /recommendations`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        format: { type: 'string', default: 'csv' },
        out: { type: 'string' },
        ...Object.fromEntries(FILTERS.map((name) => [name, { type: 'string' as const }])),
      },
    });
    const { out, ...query } = values;
    const { format = 'csv', ...filter } = exportQuery(query);
    const config = loadConfig(process.env);
    const app = await NestFactory.createApplicationContext(ReadModelsModule.forRoot(config, { runProjector: false }), {
      logger: ['error', 'warn'],
    });
    try {
      // The read models are as fresh as the store: another process (the API) may be projecting already.
      await app.get(Projector).catchUp();
      const file = await exportRegister(app.get(RegisterQueries), filter, format, todayOf(app.get<Clock>(CLOCK)));
      writeFileSync(out ?? file.fileName, file.bytes);
      console.log(`${file.rows} items written to ${out ?? file.fileName}`);
      return 0;
    } finally {
      await app.close();
    }
  },
};

function exportQuery(values: Record<string, string | undefined>): ExportQuery {
  const query = plainToInstance(ExportQuery, values);
  const errors = validateSync(query, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0)
    throw new UsageError(
      errors
        .flatMap((error) => Object.values(error.constraints ?? {}))
        .map((message) => `--${message}`)
        .join('; '),
    );
  return query;
}
