import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can, WebPage } from '@hmicfrs/auth';
import {
  FileTooLarge,
  ImportRejected,
  ImportTooLarge,
  NotARegisterFile,
  RegisterImporter,
  registerTemplateCsv,
  registerTemplateXlsx,
  type ImportReport,
} from '@hmicfrs/import';
import { errorsForPage, text, type FieldError, type FormBody } from '../forms/form';
import { PageRenderer, type PageRequest } from '../page-renderer';
import { HELD_FOR_MINUTES, HeldFiles } from '../held-files';

/** What the liaison officer asks of a file: check it, import it whole, or import the rows that are good. */
const MODES = {
  check: { dryRun: true, skipInvalid: true },
  all: { dryRun: false, skipInvalid: false },
  'good-rows': { dryRun: false, skipInvalid: true },
} as const;
type Mode = keyof typeof MODES;

/**
 * How the page answers: `ready` (a check found nothing wrong) and `imported` in a green panel;
 * `problems` (a check found some) and `refused` (nothing written) in the red error summary.
 */
type Outcome = 'ready' | 'problems' | 'imported' | 'refused';

interface ImportPage {
  mode: string;
  report?: ImportReport;
  outcome?: Outcome;
  /** The file kept since it was sent: the form offers to go on with it, without choosing it again. */
  held?: { sha256: string; name: string };
  errors: FieldError[];
  status: number;
}

/**
 * A register file (the force's recommendation action tracker, CSV or Excel) uploaded from the browser,
 * through the same importer as `POST /imports` and `cli import`: checked first if asked, and either
 * every row or none written, or the good rows only. Each file sent is kept a while under its hash, so
 * that the import after a check takes the same bytes (HeldFiles).
 */
@ApiExcludeController()
@WebPage()
@Controller('imports')
export class ImportPageController {
  constructor(
    private readonly importer: RegisterImporter,
    private readonly held: HeldFiles,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Can('imports.run')
  form(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.show(request, reply, { mode: 'check', errors: [], status: 200 });
  }

  /** An empty register, the header row only: a tracker laid out like it imports as it is. */
  @Get('template.csv')
  @Can('imports.run')
  templateCsv(@Res() reply: FastifyReply): Promise<void> {
    return template(reply, 'csv', 'text/csv; charset=utf-8', registerTemplateCsv());
  }

  @Get('template.xlsx')
  @Can('imports.run')
  async templateXlsx(@Res() reply: FastifyReply): Promise<void> {
    return template(reply, 'xlsx', XLSX, await registerTemplateXlsx());
  }

  @Post()
  @HttpCode(200)
  @Can('imports.run')
  async run(@Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const mode = text(body, 'mode');
    const sent = await this.held.fromForm(body, 'register', NO_FILE);
    const errors: FieldError[] = 'error' in sent ? [sent.error] : [];
    if (!isMode(mode)) errors.push({ field: 'mode', text: 'Choose what to do with the file' });
    if ('error' in sent || !isMode(mode)) return this.show(request, reply, { mode, errors, status: 422 });
    const { file } = sent;

    const held = { sha256: await this.held.keep(file), name: file.name };
    try {
      const report = await this.importer.import(file, { by: request.actor!, ...MODES[mode] });
      if (!report.dryRun) return this.show(request, reply, { mode, report, outcome: 'imported', errors: [], status: 200 });
      if (report.problemCount === 0)
        return this.show(request, reply, { mode: 'all', report, outcome: 'ready', held, errors: [], status: 200 });
      const problems = { field: 'import-problems', text: `The file has ${problemsIn(report)}. Nothing has been written.` };
      return this.show(request, reply, { mode: 'good-rows', report, outcome: 'problems', held, errors: [problems], status: 200 });
    } catch (error) {
      if (error instanceof ImportRejected) {
        const count = error.report.problemCount;
        const message = `Nothing was imported: ${count} ${count === 1 ? 'row has a problem' : 'problems in the rows'} below. Correct the file, or import the good rows only.`;
        return this.show(request, reply, {
          mode: 'good-rows',
          report: error.report,
          outcome: 'refused',
          held,
          errors: [{ field: 'import-problems', text: message }],
          status: 422,
        });
      }
      if (error instanceof NotARegisterFile || error instanceof FileTooLarge || error instanceof ImportTooLarge) {
        return this.show(request, reply, { mode, errors: [{ field: 'register', text: error.message }], status: 422 });
      }
      throw error;
    }
  }

  private show(request: PageRequest, reply: FastifyReply, page: ImportPage): Promise<void> {
    return this.pages.render(
      request,
      reply,
      'import.njk',
      {
        title: 'Import a register',
        mode: page.mode,
        report: page.report,
        outcome: page.outcome,
        held: page.held,
        heldForMinutes: HELD_FOR_MINUTES,
        ...errorsForPage(page.errors),
      },
      page.status,
    );
  }
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const NO_FILE = 'No file was chosen: choose the register file, CSV or an Excel workbook (.xlsx)';

async function template(reply: FastifyReply, extension: string, type: string, body: string | Buffer): Promise<void> {
  await reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="register-template.${extension}"`)
    .send(body);
}

function problemsIn(report: ImportReport): string {
  const count = report.problemCount;
  return count === 1 ? '1 problem' : `${count} problems`;
}

/** The form's own choices only: `constructor` or `toString` is in MODES too, by its prototype. */
function isMode(value: string): value is Mode {
  return Object.hasOwn(MODES, value);
}
