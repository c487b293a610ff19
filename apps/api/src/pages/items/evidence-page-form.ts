import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EvidenceIntake } from '@hmicfrs/evidence';
import { discardAll, readEvidenceUpload, type EvidenceUpload } from '../../evidence/evidence-upload';

/** Where the page's upload form leaves what it read, in the request body beside the typed fields. */
export const EVIDENCE_UPLOAD = Symbol('evidence-upload');

const UPLOAD_ROUTE = '/app/items/:id/upload';

/**
 * The item page's upload form is read before the CSRF check (its token is a field of the form, like any
 * page's): each file streamed into the evidence store's staging, never into memory. Whatever the route
 * did not keep is discarded when the response is sent: a refused CSRF token, policy or lifecycle leaves nothing.
 */
export function readEvidencePageForms(fastify: FastifyInstance, intake: EvidenceIntake): void {
  const read = new WeakMap<FastifyRequest, EvidenceUpload>();
  fastify.addHook('preValidation', async (request) => {
    if (request.routeOptions.url !== UPLOAD_ROUTE || !request.isMultipart()) return;
    const upload = await readEvidenceUpload(request, intake);
    read.set(request, upload);
    request.body = { ...upload.fields, [EVIDENCE_UPLOAD]: upload };
  });
  fastify.addHook('onResponse', async (request) => {
    const upload = read.get(request);
    if (upload) await discardAll(intake, upload.files);
  });
}
