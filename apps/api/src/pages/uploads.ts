import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { isEvidenceUploadRoute } from '../evidence/evidence-upload';

/** Marks a form field's value as a file the browser sent, not a string someone typed. */
export const UPLOADED_FILE = Symbol('uploaded-file');

export interface UploadedFile {
  [UPLOADED_FILE]: true;
  name: string;
  bytes: Buffer;
}

/**
 * A multipart form (the register upload) read into the request body before the CSRF check and the route
 * see it: fields as strings, the file whole, under their names. `@fastify/multipart`'s limits (one file,
 * the import's size) answer 413 before a byte too many is read; a body that is not a well-formed form
 * (no boundary, cut short) is the client's error, 400.
 */
export async function readMultipartForm(request: FastifyRequest): Promise<void> {
  // Evidence is streamed to the evidence store instead, never held in memory (apps/api/src/evidence).
  if (!request.isMultipart() || isEvidenceUploadRoute(request.routeOptions.url)) return;
  const body = Object.create(null) as Record<string, unknown>;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') body[part.fieldname] = part.value;
      else {
        const file = await uploaded(part);
        // A file input left empty still sends a part: no name, no bytes. Nothing was chosen, not an empty file.
        if (part.filename !== '' || file.bytes.length > 0) body[part.fieldname] = file;
      }
    }
  } catch (error) {
    if (typeof (error as { statusCode?: unknown }).statusCode === 'number') throw error;
    throw Object.assign(new Error(`The form could not be read: ${(error as Error).message}`), { statusCode: 400 });
  }
  request.body = body;
}

async function uploaded(part: MultipartFile): Promise<UploadedFile> {
  return { [UPLOADED_FILE]: true, name: part.filename || 'upload', bytes: await part.toBuffer() };
}
