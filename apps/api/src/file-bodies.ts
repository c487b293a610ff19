import type { IncomingMessage } from 'node:http';
import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';
import { MAX_IMPORT_BYTES } from '@hmicfrs/import';
import { IMPORT_MEDIA_TYPES } from './imports/import-media-types';

/** The route that takes an evidence document as the whole request body, as well as multipart and JSON. */
const DOCUMENT_ROUTE = '/recommendations/:id/evidence';

/** Fastify's body limit when the server names none. */
const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Requests whose body is an evidence document, left unread for the evidence intake to stream. */
const DOCUMENT_BODIES = new WeakSet<IncomingMessage>();

/** Whether the request's body is a document sent as it is (`parseFileBodies`), still to be read. */
export function isDocumentBody(request: FastifyRequest): boolean {
  return DOCUMENT_BODIES.has(request.raw);
}

type Done = (error: Error | null, body?: unknown) => void;

/**
 * Bodies that are files rather than JSON or a form. POST /imports takes a register file whole (CSV, XLSX or
 * octet-stream, at most MAX_IMPORT_BYTES, as every other route but one does for those types; plain text is
 * read whole as a string, as Fastify does); POST /recommendations/:id/evidence takes a document of any of
 * those types or any other, left unread so that
 * the intake streams it to disk as it arrives (its type is read from its bytes, whatever the header says).
 * Fastify has one parser a media type for every route, so the parser decides by the route. Any other type
 * anywhere else is a 415, as without a parser.
 */
export function parseFileBodies(fastify: FastifyInstance): void {
  const leaveForTheRoute = (request: FastifyRequest, done: Done): boolean => {
    if (request.routeOptions.url !== DOCUMENT_ROUTE) return false;
    DOCUMENT_BODIES.add(request.raw);
    done(null);
    return true;
  };
  fastify.addContentTypeParser(IMPORT_MEDIA_TYPES, (request, payload, done: Done) => {
    if (!leaveForTheRoute(request, done)) readWhole(request, payload, MAX_IMPORT_BYTES, done);
  });
  // Fastify's own for plain text, but that a plain text document sent as it is must reach the intake too.
  fastify.addContentTypeParser('text/plain', (request, payload, done: Done) => {
    if (leaveForTheRoute(request, done)) return;
    readWhole(request, payload, fastify.initialConfig.bodyLimit ?? DEFAULT_BODY_LIMIT, (error, body) =>
      done(error, body === undefined ? undefined : (body as Buffer).toString('utf8')),
    );
  });
  fastify.addContentTypeParser('*', (request, _payload, done: Done) => {
    if (leaveForTheRoute(request, done)) return;
    // No route: the 404 is the answer, whatever the body (as Fastify does for a type it has no parser for).
    if (request.is404) done(null);
    else done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE());
  });
}

/** The whole body as one Buffer, refused as Fastify's own parsers refuse: over `limit` 413, shorter or longer than declared 400. */
function readWhole(request: FastifyRequest, payload: IncomingMessage, limit: number, done: Done): void {
  const declared = Number(request.headers['content-length']);
  if (declared > limit) return done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
  const chunks: Buffer[] = [];
  let received = 0;
  const finish = (error: Error | null, body?: Buffer) => {
    payload.off('data', onData).off('end', onEnd).off('error', onError);
    done(error, body);
  };
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > limit) finish(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
    else chunks.push(chunk);
  };
  const onEnd = () => {
    if (!Number.isNaN(declared) && received !== declared) finish(new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH());
    else finish(null, Buffer.concat(chunks, received));
  };
  const onError = (error: Error & { statusCode?: number }) => finish(Object.assign(error, { statusCode: error.statusCode ?? 400 }));
  payload.on('data', onData).on('end', onEnd).on('error', onError);
}
