import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can, WebPage } from '@hmicfrs/auth';
import { FileTooLarge, ImportRejected, ImportTooLarge, NotARegisterFile, RegisterImporter, type ImportReport } from '@hmicfrs/import';
import { errorsForPage, text, type FieldError, type FormBody } from '../forms/form';
import { PageRenderer, type PageRequest } from '../page-renderer';
import { UPLOADED_FILE, type UploadedFile } from '../uploads';

/** What the liaison officer asks of a file: check it, import it whole, or import the rows that are good. */
const MODES = {
  check: { dryRun: true, skipInvalid: true },
  all: { dryRun: false, skipInvalid: false },
  'good-rows': { dryRun: false, skipInvalid: true },
} as const;
type Mode = keyof typeof MODES;

/**
 * A register file (the force's recommendation action tracker, CSV or Excel) uploaded from the browser,
 * through the same importer as `POST /imports` and `cli import`: checked first if asked, and either
 * every row or none written, or the good rows only.
 */
@ApiExcludeController()
@WebPage()
@Controller('imports')
export class ImportPageController {
  constructor(
    private readonly importer: RegisterImporter,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Can('imports.run')
  form(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.pages.render(request, reply, 'import.njk', { title: 'Import a register', mode: 'check', ...errorsForPage([]) });
  }

  @Post()
  @HttpCode(200)
  @Can('imports.run')
  async run(@Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const file = body?.register;
    const mode = text(body, 'mode');
    const errors: FieldError[] = [];
    if (!isUploaded(file)) errors.push({ field: 'register', text: 'Choose the register file: CSV or an Excel workbook (.xlsx)' });
    if (!isMode(mode)) errors.push({ field: 'mode', text: 'Choose what to do with the file' });
    if (!isUploaded(file) || !isMode(mode)) return this.show(request, reply, { mode, errors, status: 422 });

    try {
      const report = await this.importer.import(file, { by: request.actor!, ...MODES[mode] });
      return this.show(request, reply, { mode, report, errors: [], status: 200 });
    } catch (error) {
      if (error instanceof ImportRejected) {
        const count = error.report.problemCount;
        const message = `Nothing was imported: ${count} ${count === 1 ? 'row has a problem' : 'problems in the rows'} below. Correct the file, or import the good rows only.`;
        return this.show(request, reply, { mode, report: error.report, errors: [{ field: 'register', text: message }], status: 422 });
      }
      if (error instanceof NotARegisterFile || error instanceof FileTooLarge || error instanceof ImportTooLarge) {
        return this.show(request, reply, { mode, errors: [{ field: 'register', text: error.message }], status: 422 });
      }
      throw error;
    }
  }

  private show(
    request: PageRequest,
    reply: FastifyReply,
    page: { mode: string; report?: ImportReport; errors: FieldError[]; status: number },
  ): Promise<void> {
    return this.pages.render(
      request,
      reply,
      'import.njk',
      {
        title: 'Import a register',
        mode: page.mode,
        report: page.report,
        ...errorsForPage(page.errors),
      },
      page.status,
    );
  }
}

/** The form's own choices only: `constructor` or `toString` is in MODES too, by its prototype. */
function isMode(value: string): value is Mode {
  return Object.hasOwn(MODES, value);
}

function isUploaded(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && UPLOADED_FILE in value;
}
