import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessDenied, InvalidToken, NotSignedIn } from '@hmicfrs/auth';
import { EvidenceFileMissing, EvidenceNotFound, EvidenceRefused } from '@hmicfrs/evidence';
import { EventStoreUnavailable, InvalidAppend, InvalidStreamName, WrongExpectedRevision } from '@hmicfrs/event-store';
import {
  FileTooLarge,
  ImportRejected,
  ImportTooLarge,
  MAX_IMPORT_BYTES,
  NotAPeopleFile,
  NotARegisterFile,
  PeopleImportRejected,
} from '@hmicfrs/import';
import { InvalidReportParameter, ReadModelsBehind } from '@hmicfrs/projections';
import {
  CommandRefused,
  HistoryAltered,
  IdempotencyKeyReused,
  ItemNotFound,
  OccurredAtRefused,
  UnknownInspectionReport,
  UnknownLinkedItem,
  UnknownInspectionActivity,
  UnknownPerson,
} from '@hmicfrs/workflow';
import { BODY_LIMITS, BodyTooComplex } from './body-limits';
import { ProblemPage } from './pages/problem-page';
import { supplierInWords } from './pages/words';
import { isPageUrl } from './pages/web-pages';
import { PaperDoesNotMatch, PaperNotIssued } from './papers/paper-errors';

interface Problem {
  status: number;
  title: string;
  detail: string;
  [extra: string]: unknown;
}

/**
 * Every error becomes an RFC 9457 problem document here, and only here. A refusal names what was
 * wrong; anything unforeseen is logged with its stack and answered without internals. On the web
 * pages (/app) the same problem is shown as a GOV.UK page instead.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');

  constructor(private readonly problemPage: ProblemPage) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const problem = this.problemFor(error);
    if (isPageUrl(request.url)) {
      this.problemPage.show(request, reply, problem).catch((failure: unknown) => {
        this.logger.error(
          `The error page itself failed: ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}`,
        );
        if (!reply.sent) void reply.status(problem.status).type('text/plain; charset=utf-8').send(`${problem.title}: ${problem.detail}`);
      });
      return;
    }
    void reply.status(problem.status).header('content-type', 'application/problem+json').send(problem);
  }

  private problemFor(error: unknown): Problem {
    if (error instanceof WrongExpectedRevision) {
      return {
        status: 409,
        title: 'Changed by someone else',
        detail: `${error.message}. Reload the item and try again.`,
        currentRevision: error.actual,
      };
    }
    if (error instanceof InvalidStreamName || error instanceof InvalidAppend) {
      return { status: 400, title: 'Bad request', detail: error.message };
    }
    if (error instanceof CommandRefused) return refusalProblem(error, (userId) => this.problemPage.nameOf(userId));
    // Locked, not conflicting: no retry or reload helps until an auditor has looked into the alteration.
    if (error instanceof HistoryAltered) {
      return { status: 423, title: 'History altered', detail: error.message, stream: error.stream, problems: error.problems };
    }
    if (error instanceof ItemNotFound || error instanceof PaperNotIssued) return { status: 404, title: 'Not found', detail: error.message };
    if (error instanceof PaperDoesNotMatch) {
      return { status: 409, title: 'Paper does not match', detail: error.message, issued: error.issued, drawnUp: error.drawnUp };
    }
    if (error instanceof UnknownPerson) {
      return { status: 422, title: 'Unknown person', detail: error.message, person: error.personId, field: error.field };
    }
    if (
      error instanceof UnknownInspectionReport ||
      error instanceof UnknownLinkedItem ||
      error instanceof UnknownInspectionActivity ||
      error instanceof OccurredAtRefused ||
      error instanceof IdempotencyKeyReused
    ) {
      return { status: 422, title: 'Unprocessable', detail: error.message };
    }
    if (error instanceof ImportRejected || error instanceof PeopleImportRejected) {
      const { problems, problemCount } = error.report;
      const more = problemCount - problems.length;
      return {
        status: 422,
        title: 'Nothing imported',
        detail: more > 0 ? `${error.message} The first ${problems.length} are listed, and ${more} more.` : error.message,
        problems,
        problemCount,
        report: error.report,
      };
    }
    if (error instanceof BodyTooComplex) {
      return { status: 400, title: 'Body too complex', detail: error.message, limit: error.limit, limits: BODY_LIMITS };
    }
    if (error instanceof InvalidReportParameter)
      return { status: 400, title: 'Bad request', detail: error.message, parameter: error.parameter };
    if (error instanceof ReadModelsBehind) return { status: 503, title: 'Read models catching up', detail: error.message };
    if (error instanceof EvidenceRefused) return evidenceProblem(error);
    if (error instanceof EvidenceNotFound) return { status: 404, title: 'Not found', detail: error.message };
    if (error instanceof EvidenceFileMissing) {
      this.logger.error(`An event names a document the evidence store does not hold: ${error.message}`);
      return {
        status: 500,
        title: 'Document missing',
        detail: 'The document is recorded but its file is missing from the evidence store; it has been logged.',
      };
    }
    if (error instanceof NotARegisterFile) return { status: 415, title: 'Not a register file', detail: error.message };
    if (error instanceof NotAPeopleFile) return { status: 415, title: 'Not a file of people', detail: error.message };
    if (error instanceof FileTooLarge) return { status: 413, title: 'File too large', detail: error.message };
    if (error instanceof ImportTooLarge)
      return { status: 413, title: 'Import too large', detail: error.message, limit: error.limit, max: error.max };
    if (error instanceof InvalidToken || error instanceof NotSignedIn)
      return { status: 401, title: 'Not signed in', detail: error.message };
    if (error instanceof AccessDenied) return { status: 403, title: 'Not allowed', detail: error.message };
    if (error instanceof EventStoreUnavailable) {
      this.logger.error(error.message, error.stack);
      return { status: 503, title: 'Service unavailable', detail: error.message };
    }
    // Fastify refuses an oversized body before any route sees it (Nest passes it on as a 413); the limits are worth naming.
    if (error instanceof HttpException && error.getStatus() === 413) {
      return {
        status: 413,
        title: 'Too large',
        detail: `The request body is too large: a register file for POST /imports may be up to ${MAX_IMPORT_BYTES / (1024 * 1024)} MB, any other request 1 MB`,
      };
    }
    if (error instanceof HttpException) return fromHttpException(error);
    const status = clientErrorStatus(error);
    if (status) return { status, title: 'Bad request', detail: (error as Error).message };
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return { status: 500, title: 'Internal error', detail: 'Something went wrong on our side; it has been logged.' };
  }
}

/**
 * The lifecycle's refusals: a command the item's state does not take at all is a conflict with that
 * state (409); a command the state takes but whose requirements are missing is unprocessable (422), and
 * says who can supply what is missing (by role, and the owner by name) as the pages do, or the body's
 * field by which the request itself supplies it.
 */
function refusalProblem({ refusal }: CommandRefused, nameOf: (userId: string) => string): Problem {
  switch (refusal.code) {
    case 'no_such_item':
      return { status: 404, title: 'Not found', detail: refusal.message };
    case 'already_exists':
      return { status: 409, title: 'Already exists', detail: refusal.message, code: refusal.code };
    case 'not_allowed_now':
      return {
        status: 409,
        title: 'Not allowed now',
        detail: refusal.message,
        code: refusal.code,
        command: refusal.command,
        state: refusal.status,
      };
    case 'requirements_not_met': {
      const suppliedBy = refusal.suppliedBy.map((who) => ({
        ...who,
        ...(who.role === 'owner' ? { name: nameOf(who.userId) } : {}),
        inWords: supplierInWords(who, nameOf),
      }));
      const who = suppliedBy.map((supplier) => supplier.inWords).join(' or ');
      const supplied = [
        ...(who === '' ? [] : [`Who can supply it: ${who}`]),
        // What the sender supplies themself, in the body (the DCC's confirmation of a rating not Green).
        ...(refusal.field === undefined ? [] : [`The request supplies it in ${refusal.field}`]),
      ];
      return {
        status: 422,
        title: 'Requirements not met',
        detail: [refusal.message, ...supplied].join('. '),
        code: refusal.code,
        command: refusal.command,
        state: refusal.status,
        missing: refusal.missing,
        suppliedBy,
        ...(refusal.field === undefined ? {} : { field: refusal.field }),
      };
    }
    case 'invalid':
      return {
        status: 422,
        title: 'Unprocessable',
        detail: refusal.message,
        code: refusal.code,
        ...(refusal.field === undefined ? {} : { field: refusal.field }),
      };
    default: {
      const _: never = refusal;
      return _;
    }
  }
}

/** An upload refused for what it is: too large 413, a type not allowed 415, a form field wrong 400, anything else about the file 422. */
function evidenceProblem(error: EvidenceRefused): Problem {
  const status = { too_large: 413, too_many_files: 413, type_not_allowed: 415, bad_field: 400 }[error.problem as string] ?? 422;
  const title = {
    too_large: 'File too large',
    too_many_files: 'Too many files',
    type_not_allowed: 'Type not allowed',
    bad_field: 'Bad request',
    empty: 'Empty file',
    bad_name: 'Bad file name',
    no_file: 'No file',
    duplicate: 'Same file twice',
  }[error.problem];
  return {
    status,
    title,
    detail: `${error.message}. Nothing was stored or recorded.`,
    problem: error.problem,
    ...(error.fileName === undefined ? {} : { fileName: error.fileName }),
  };
}

function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  const body = error.getResponse();
  if (typeof body === 'string') return { status, title: error.name, detail: body };
  const { message, error: title, ...extras } = body as { message?: unknown; error?: string };
  const detail = Array.isArray(message) ? message.join('; ') : String(message ?? error.message);
  return { status, title: title ?? error.name, detail, ...(Array.isArray(message) ? { errors: message } : {}), ...extras };
}

/** Fastify's own refusals (unparsable JSON, wrong media type, body too large) carry a 4xx status. */
function clientErrorStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
