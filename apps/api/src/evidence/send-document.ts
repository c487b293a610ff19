import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { StoredDocument } from '@hmicfrs/lifecycle';

/**
 * Sends a document as a download, never as a page: `Content-Disposition: attachment`, the media type
 * its bytes were found to be when uploaded, `nosniff`, and a Content-Security-Policy that sandboxes
 * anything a browser might still render (no script, no plugins, no requests, an opaque origin).
 */
export async function sendDocument(reply: FastifyReply, { document, bytes }: { document: StoredDocument; bytes: Readable }): Promise<void> {
  await reply
    .status(200)
    .header('content-type', document.file.mediaType)
    .header('content-length', String(document.file.size))
    .header('content-disposition', contentDisposition(document.file.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox; frame-ancestors 'none'; form-action 'none'; base-uri 'none'")
    .header('cross-origin-resource-policy', 'same-origin')
    .header('cache-control', 'private, no-store')
    .header('etag', `"${document.sha256}"`)
    .header('x-evidence-sha256', document.sha256)
    .send(bytes);
}

/** RFC 6266: an ASCII fallback (quotes and backslashes replaced) and the real name in UTF-8. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
