import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can, WebPage } from '@hmicfrs/auth';
import { CLOCK, type Clock } from '@hmicfrs/clock';
import { WrongExpectedRevision } from '@hmicfrs/event-store';
import { EvidenceRefused } from '@hmicfrs/evidence';
import { CommandRefused, IdempotencyKeyReused, OccurredAtRefused } from '@hmicfrs/workflow';
import { EvidenceDocuments } from '../../evidence/evidence-documents';
import { FILE_FIELD, type EvidenceUpload } from '../../evidence/evidence-upload';
import { sendDocument } from '../../evidence/send-document';
import { EvidenceFileParams, readUploadDescription } from '../../evidence/upload-fields';
import { ItemIdParams } from '../../recommendations/dto/item-id.params';
import { SENT_WITH_OTHER_DETAILS, SUBMISSION_ID, submissionKey, text, type FieldError, type FormBody } from '../forms/form';
import { ukDay } from '../nunjucks-filters';
import { PageRenderer, type PageRequest } from '../page-renderer';
import { PAGES } from '../web-pages';
import { OCCURRED_ON, readOccurredOn } from './action-forms';
import { ItemPages } from './item-pages';
import { EVIDENCE_UPLOAD } from './evidence-page-form';

/** The upload form's own fields, besides the upload's. */
const PAGE_FIELDS = [
  '_csrf',
  'revision',
  SUBMISSION_ID,
  `${OCCURRED_ON.name}-day`,
  `${OCCURRED_ON.name}-month`,
  `${OCCURRED_ON.name}-year`,
];

/** Documents on the item page: the upload form's post (several files at once), and opening a document. */
@ApiExcludeController()
@WebPage()
@Controller('items/:id')
export class EvidencePageController {
  constructor(
    private readonly documents: EvidenceDocuments,
    private readonly items: ItemPages,
    private readonly pages: PageRenderer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The form was read into the evidence store's staging before the CSRF check (`evidence-page-form.ts`); nothing is kept unless recorded. */
  @Post('upload')
  @HttpCode(303)
  @Can('recommendation.evidence')
  async upload(
    @Param() { id }: ItemIdParams,
    @Body() body: FormBody,
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const upload = (body as Record<symbol, EvidenceUpload> | undefined)?.[EVIDENCE_UPLOAD];
    if (!upload) return this.refused(request, reply, id, { field: FILE_FIELD, text: 'Choose the documents to upload' }, 422);
    const fields = readUploadDescription(upload.fields, PAGE_FIELDS);
    if ('refused' in fields) upload.refused ??= fields.refused;
    const when = readOccurredOn(body, ukDay(this.clock()));
    if ('error' in when) return this.refused(request, reply, id, when.error, 422);
    const revision = text(body, 'revision');
    try {
      await this.documents.attach(id, upload, 'refused' in fields ? { isChiefConstableLetter: false } : fields, {
        actor: request.actor!,
        ...when,
        ...submissionKey(body),
        ...(/^\d{1,15}$/.test(revision) ? { expectedRevision: Number(revision) } : {}),
      });
    } catch (error) {
      const shown = uploadError(error);
      if (!shown) throw error;
      return this.refused(request, reply, id, shown.error, shown.status);
    }
    await this.pages.redirect(reply, `${PAGES}/items/${encodeURIComponent(id)}?done=upload`);
  }

  /** A document, downloaded: never shown in the page, whatever it is. */
  @Get('evidence/:evidenceId/file')
  @Can('evidence.read')
  async file(@Param() { id, evidenceId }: EvidenceFileParams, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    await sendDocument(reply, await this.documents.open(id, evidenceId, request.actor!));
  }

  private refused(request: PageRequest, reply: FastifyReply, id: string, error: FieldError, status: number): Promise<void> {
    return this.items.show(request, reply, id, { uploadErrors: [error], status });
  }
}

function uploadError(error: unknown): { error: FieldError; status: number } | undefined {
  const onFile = (message: string) => ({ field: FILE_FIELD, text: message });
  if (error instanceof EvidenceRefused) {
    const status =
      error.problem === 'too_large' || error.problem === 'too_many_files' ? 413 : error.problem === 'type_not_allowed' ? 415 : 422;
    return { error: onFile(`${error.message}. Nothing was uploaded.`), status };
  }
  if (error instanceof CommandRefused)
    return { error: onFile(error.refusal.message), status: error.refusal.code === 'not_allowed_now' ? 409 : 422 };
  if (error instanceof OccurredAtRefused)
    return {
      error: { field: `${OCCURRED_ON.name}-day`, text: 'The item changed after that day: give a later day, or leave it blank' },
      status: 422,
    };
  if (error instanceof WrongExpectedRevision)
    return {
      error: onFile('Someone else changed this item while you had this page open. Check the item below and try again.'),
      status: 409,
    };
  if (error instanceof IdempotencyKeyReused) return { error: onFile(SENT_WITH_OTHER_DETAILS), status: 422 };
  return undefined;
}
