import type { FastifyMultipartBaseOptions, MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { EvidenceIntake, EvidenceRefused, sanitisedFileName, type UploadedDocument } from '@hmicfrs/evidence';

/** What an evidence upload's form held: its typed fields, the files staged, or why it was refused. */
export interface EvidenceUpload {
  fields: Record<string, string>;
  files: UploadedDocument[];
  /** The first problem found; the files staged before it are still to be discarded by the caller. */
  refused?: EvidenceRefused;
}

/** The form field that carries the files (one or several), on the API and the item page alike. */
export const FILE_FIELD = 'file';

/** Where evidence is uploaded: the JSON API's POST /recommendations/:id/evidence and the item page's POST /app/items/:id/upload. */
export function isEvidenceUploadRoute(url: string | undefined): boolean {
  return url === '/recommendations/:id/evidence' || url === '/app/items/:id/upload';
}

/**
 * Reads a multipart upload part by part: each file is streamed through the intake into the store's
 * staging (hashed and typed as it arrives, never held in memory), the fields kept as text. A refused file
 * is recorded and the rest of the form still read, so that the client gets its answer; nothing refused
 * is staged. Too many files, or a form that is not well formed, ends the reading there.
 */
export async function readEvidenceUpload(request: FastifyRequest, intake: EvidenceIntake): Promise<EvidenceUpload> {
  const upload: EvidenceUpload = { fields: Object.create(null) as Record<string, string>, files: [] };
  const { maxBytes, maxFiles } = intake.limits;
  const options: FastifyMultipartBaseOptions = {
    // One byte more than allowed, so that the store sees a file is too large; busboy skips the rest of it.
    limits: { fileSize: maxBytes + 1, files: maxFiles, fields: 20, parts: maxFiles + 20, fieldSize: 10_000 },
    throwFileSizeLimit: false,
    // Busboy would strip folders from a name silently: a name with folders is refused instead.
    preservePath: true,
  };
  // `parts()` takes the base options (its types say busboy's only).
  const parts = request.parts(options as Parameters<FastifyRequest['parts']>[0]);
  try {
    for await (const part of parts) {
      if (part.type !== 'file') {
        if (typeof part.value === 'string') upload.fields[part.fieldname] = part.value;
        continue;
      }
      if (upload.refused || part.fieldname !== FILE_FIELD || (part.filename === '' && isEmptyChoice(part))) {
        part.file.resume();
        continue;
      }
      try {
        upload.files.push(await intake.take(part.filename, part.file));
      } catch (error) {
        part.file.resume();
        if (!(error instanceof EvidenceRefused)) throw error;
        upload.refused = error;
      }
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_FILES_LIMIT') {
      upload.refused = new EvidenceRefused('too_many_files', `At most ${maxFiles} files may be uploaded at once`);
    } else if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      upload.refused = new EvidenceRefused('too_many_files', 'The form has more parts than an evidence upload has');
    } else {
      await discardAll(intake, upload.files);
      if (typeof (error as { statusCode?: unknown }).statusCode === 'number') throw error;
      throw Object.assign(new Error(`The form could not be read: ${(error as Error).message}`), { statusCode: 400 });
    }
  }
  return upload;
}

/** The query parameter naming a document sent as the whole body (`readDocumentBody`). */
export const FILE_NAME_PARAMETER = 'fileName';

/**
 * A document sent as the whole request body (any type but JSON or a form; what it is, is read from its
 * bytes), named in the query with what the form's fields would say:
 * `?fileName=letter.pdf&title=…&isChiefConstableLetter=true&occurredAt=…`. The socket's chunks go straight
 * to the intake, with no multipart framing to search. A body declared larger than the limit is refused
 * before a byte is read; the rest of a refused body is left for Node to discard once the answer is sent.
 */
export async function readDocumentBody(request: FastifyRequest, intake: EvidenceIntake): Promise<EvidenceUpload> {
  const upload: EvidenceUpload = { fields: Object.create(null) as Record<string, string>, files: [] };
  for (const [name, value] of Object.entries(request.query as Record<string, unknown>)) {
    if (typeof value === 'string') upload.fields[name] = value;
    else upload.refused ??= new EvidenceRefused('bad_field', `${name} is given more than once`);
  }
  const { [FILE_NAME_PARAMETER]: fileName, ...fields } = upload.fields;
  upload.fields = fields;
  if (upload.refused) return upload;
  if (fileName === undefined) {
    upload.refused = new EvidenceRefused(
      'bad_field',
      `Name the document in the query, e.g. ?${FILE_NAME_PARAMETER}=letter.pdf (the body is the document itself)`,
    );
    return upload;
  }
  try {
    if (Number(request.headers['content-length']) > intake.limits.maxBytes) {
      const name = sanitisedFileName(fileName);
      throw new EvidenceRefused(
        'too_large',
        `${name}: The file is larger than ${intake.describeLimit()}, the most a document may be`,
        name,
      );
    }
    // Not destroyed when the intake stops reading (a file too large): the answer still goes back on this connection.
    upload.files.push(await intake.take(fileName, request.raw.iterator({ destroyOnReturn: false })));
  } catch (error) {
    if (!(error instanceof EvidenceRefused)) throw error;
    upload.refused = error;
  }
  return upload;
}

/** A browser sends an empty file part, named "", for a file input left empty. */
function isEmptyChoice(part: MultipartFile): boolean {
  return part.mimetype === 'application/octet-stream';
}

export async function discardAll(intake: EvidenceIntake, files: UploadedDocument[]): Promise<void> {
  await Promise.all(files.map((file) => intake.store.discard(file.staged)));
}
