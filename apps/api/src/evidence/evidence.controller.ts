import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res, ValidationPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiExtraModels, ApiHeader, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Can } from '@hmicfrs/auth';
import { EvidenceIntake } from '@hmicfrs/evidence';
import { RecommendationWorkflow, type CommandRequest, type ItemOutcome } from '@hmicfrs/workflow';
import { ATTACH_EVIDENCE, EvidenceReferenceDto } from '../commands/attach-evidence';
import { FromRequest } from '../recommendations/command-request.decorator';
import { ItemIdParams } from '../recommendations/dto/item-id.params';
import { EvidenceDocuments } from './evidence-documents';
import { sendDocument } from './send-document';
import { EvidenceFileParams, readUploadDescription } from './upload-fields';
import { isDocumentBody } from '../file-bodies';
import { FILE_NAME_PARAMETER, readDocumentBody, readEvidenceUpload } from './evidence-upload';

/** The same checks the app's global pipe makes of every other body. */
const REFERENCE_PIPE = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });

/**
 * Evidence over the JSON API: POST /recommendations/:id/evidence takes documents (multipart: `file`, one
 * or several, `title`, `isChiefConstableLetter`, `occurredAt`), one document as the whole body (any other
 * type, named in the query), or a reference to one held elsewhere (JSON, `EvidenceReferenceDto`); all send
 * ATTACH_EVIDENCE through the workflow. GET …/file opens a document.
 */
@ApiTags('lifecycle commands')
@ApiBearerAuth()
@ApiExtraModels(EvidenceReferenceDto)
@Controller('recommendations/:id/evidence')
export class EvidenceController {
  constructor(
    private readonly workflow: RecommendationWorkflow,
    private readonly documents: EvidenceDocuments,
    @Inject(EvidenceIntake) private readonly intake: EvidenceIntake,
  ) {}

  @Post()
  @HttpCode(200)
  @Can('recommendation.evidence')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key returns the first answer and writes nothing',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The revision you last saw; refused with 409 if the item has moved on' })
  @ApiConsumes('multipart/form-data', 'application/octet-stream', 'application/json')
  @ApiQuery({
    name: FILE_NAME_PARAMETER,
    required: false,
    description: "With the document as the whole body (application/octet-stream or the file's own type): its file name",
  })
  @ApiQuery({ name: 'title', required: false, description: "With the document as the whole body: default, the file's name" })
  @ApiQuery({
    name: 'isChiefConstableLetter',
    required: false,
    enum: ['true', 'false'],
    description: 'With the document as the whole body',
  })
  @ApiQuery({ name: 'occurredAt', required: false, description: 'With the document as the whole body: ISO-8601 date-time' })
  @ApiBody({
    schema: {
      oneOf: [
        {
          type: 'object',
          description: 'Documents to upload: the server hashes, types and keeps each; one EvidenceAttached per file',
          required: ['file'],
          properties: {
            file: { type: 'array', items: { type: 'string', format: 'binary' } },
            title: { type: 'string', description: "Default: each file's name" },
            isChiefConstableLetter: { type: 'string', enum: ['true', 'false'] },
            occurredAt: { type: 'string', format: 'date-time' },
          },
        },
        { type: 'string', format: 'binary', description: 'One document, the whole body, described in the query' },
        { $ref: getSchemaPath(EvidenceReferenceDto) },
      ],
    },
  })
  async attach(
    @Param() { id }: ItemIdParams,
    @Body() body: unknown,
    @Req() http: FastifyRequest,
    @FromRequest() request: CommandRequest,
  ): Promise<ItemOutcome | ({ attached: ItemOutcome[] } & ItemOutcome)> {
    const document = isDocumentBody(http);
    if (!document && !http.isMultipart()) {
      const reference = (await REFERENCE_PIPE.transform(body ?? {}, {
        type: 'body',
        metatype: EvidenceReferenceDto,
      })) as EvidenceReferenceDto;
      return this.workflow.execute(id, ATTACH_EVIDENCE.toCommand(reference), { ...request, occurredAt: reference.occurredAt });
    }
    const upload = document ? await readDocumentBody(http, this.intake) : await readEvidenceUpload(http, this.intake);
    const fields = readUploadDescription(upload.fields);
    if ('refused' in fields) {
      upload.refused ??= fields.refused;
    }
    const description = 'refused' in fields ? { isChiefConstableLetter: false } : fields;
    const occurredAt = 'refused' in fields ? undefined : fields.occurredAt;
    const outcomes = await this.documents.attach(id, upload, description, { ...request, occurredAt });
    // The item after the last file, and each file's own outcome.
    return { ...outcomes[outcomes.length - 1], attached: outcomes };
  }

  /** The document's bytes, as a download: never shown inline, whatever they are. */
  @Get(':evidenceId/file')
  @Can('evidence.read')
  async file(
    @Param() { id, evidenceId }: EvidenceFileParams,
    @FromRequest() { actor }: CommandRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const opened = await this.documents.open(id, evidenceId, actor);
    await sendDocument(reply, opened);
  }
}
