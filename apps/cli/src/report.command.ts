import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@hmicfrs/config';
import { InvalidReportParameter, JacReportService, Projector, jacCsv, jacHtml, jacMarkdown, type JacReport } from '@hmicfrs/projections';
import { UsageError, type CliCommand } from './cli-command';
import { ReadModelsModule } from './read-models.module';
import { terminalText } from './terminal-text';

const FORMATS: Record<string, (report: JacReport) => string> = {
  md: jacMarkdown,
  html: jacHtml,
  csv: jacCsv,
  json: (report) => `${JSON.stringify(report, null, 2)}\n`,
};

/** The options as the report's parameters are named, for messages. */
const OPTIONS = { asAt: '--as-at', previous: '--previous', since: '--since', knownAt: '--known-at' } as const;

export const reportCommand: CliCommand = {
  name: 'report',
  summary:
    'report --as-at <date> --previous <date> --since <date> [--known-at <date>] [--format md|html|csv|json] [--out file]: the JAC paper',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        'as-at': { type: 'string' },
        previous: { type: 'string' },
        since: { type: 'string' },
        'known-at': { type: 'string' },
        format: { type: 'string', default: 'md' },
        out: { type: 'string' },
      },
    });
    const render = FORMATS[values.format];
    if (render === undefined) throw new UsageError(`--format must be one of ${Object.keys(FORMATS).join(', ')}`);
    const [asAt, previous, since] = [values['as-at'], values.previous, values.since];
    if (asAt === undefined || previous === undefined || since === undefined) {
      throw new UsageError(
        'report needs --as-at, --previous and --since, e.g. --as-at 2024-06-27 --previous 2024-03-21 --since 2023-08-01',
      );
    }
    const config = loadConfig(process.env);
    const app = await NestFactory.createApplicationContext(ReadModelsModule.forRoot(config, { runProjector: false }), {
      logger: ['error', 'warn'],
    });
    try {
      // Fresh from the log first; if the API is projecting, the report waits for it instead.
      await app.get(Projector).catchUp();
      const report = await app.get(JacReportService).jacReport({ asAt, previous, since, knownAt: values['known-at'] });
      const text = render(report);
      if (values.out === undefined) process.stdout.write(terminalText(text));
      else writeFileSync(values.out, text);
      return 0;
    } catch (error) {
      if (error instanceof InvalidReportParameter) {
        const option = OPTIONS[error.parameter as keyof typeof OPTIONS] ?? error.parameter;
        // A parse error follows the parameter's name; a contradiction is a sentence of its own, the option named after it.
        throw new UsageError(
          error.message.startsWith(`${error.parameter} `)
            ? `${option}${error.message.slice(error.parameter.length)}`
            : `${error.message} (${option})`,
        );
      }
      throw error;
    } finally {
      await app.close();
    }
  },
};
