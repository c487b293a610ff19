/**
 * What a document is, read from its bytes as they stream past: never from its name or what the browser
 * said. Only the types a force's evidence is kept in are recognised; anything else is
 * `application/octet-stream` and refused unless configured. HTML, SVG and XML are recognised so that
 * they can be refused by name: a document the system serves must never be able to run in a browser.
 */

export const MEDIA_TYPE_NAMES: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'application/msword': 'Word (.doc)',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (.docx)',
  'application/vnd.ms-excel': 'Excel (.xls)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (.xlsx)',
  'application/vnd.ms-powerpoint': 'PowerPoint (.ppt)',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint (.pptx)',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text (.odt)',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument spreadsheet (.ods)',
  'application/vnd.oasis.opendocument.presentation': 'OpenDocument presentation (.odp)',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'text/plain': 'plain text',
  'message/rfc822': 'e-mail (.eml)',
  'application/vnd.ms-outlook': 'Outlook e-mail (.msg)',
  'text/html': 'HTML',
  'image/svg+xml': 'SVG image',
  'application/xml': 'XML',
  'application/zip': 'ZIP archive',
  'application/x-ole-storage': 'an Office file of an unknown kind',
  'image/gif': 'GIF image',
  'application/octet-stream': 'a file of unknown type',
};

/** The types allowed by default (EVIDENCE_TYPES overrides): PDF, Office, OpenDocument, PNG, JPEG, plain text, e-mail. */
export const DEFAULT_EVIDENCE_TYPES: readonly string[] = [
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'image/png',
  'image/jpeg',
  'text/plain',
  'message/rfc822',
  'application/vnd.ms-outlook',
];

/** Types that a browser would render and could run script in: never served but as a download, never allowed by default. */
export const ACTIVE_TYPES: readonly string[] = ['text/html', 'image/svg+xml', 'application/xml'];

export function describeMediaType(mediaType: string): string {
  return MEDIA_TYPE_NAMES[mediaType] ?? mediaType;
}

const HEAD_BYTES = 4096;

/** Names inside a ZIP (OOXML parts) or an OLE2 compound file (UTF-16 stream names) that say what it is. */
const MARKERS = {
  docx: Buffer.from('word/document'),
  xlsx: Buffer.from('xl/workbook'),
  pptx: Buffer.from('ppt/presentation'),
  doc: Buffer.from('WordDocument', 'utf16le'),
  xls: Buffer.from('Workbook', 'utf16le'),
  xlsOld: Buffer.from('Book', 'utf16le'),
  ppt: Buffer.from('PowerPoint Document', 'utf16le'),
  msg: Buffer.from('__substg1.0_', 'utf16le'),
} as const;
type Marker = keyof typeof MARKERS;
const OVERLAP = Math.max(...Object.values(MARKERS).map((marker) => marker.length)) - 1;

/** Reads a document's type from its bytes, chunk by chunk; `mediaType()` once every chunk has been seen. */
export class MediaTypeSniffer {
  private head = Buffer.alloc(0);
  private carry = Buffer.alloc(0);
  private readonly found = new Set<Marker>();
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });
  private textual = true;

  push(chunk: Buffer): void {
    if (this.head.length < HEAD_BYTES) this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)]);
    if (this.textual) {
      try {
        this.utf8.decode(chunk, { stream: true });
        if (chunk.includes(0)) this.textual = false;
      } catch {
        this.textual = false;
      }
    }
    if (this.isContainer()) {
      const window = Buffer.concat([this.carry, chunk]);
      for (const [name, marker] of Object.entries(MARKERS) as [Marker, Buffer][]) {
        if (!this.found.has(name) && window.includes(marker)) this.found.add(name);
      }
      this.carry = window.subarray(Math.max(0, window.length - OVERLAP));
    }
  }

  mediaType(): string {
    const head = this.head;
    if (this.textual) {
      try {
        this.utf8.decode();
      } catch {
        this.textual = false;
      }
    }
    if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
    if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
    if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
    if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
    if (isZip(head)) return this.zipType(head);
    if (isOle(head)) return this.oleType();
    if (this.textual) return textType(head.toString('utf8').replace(/^\uFEFF/, ''));
    return 'application/octet-stream';
  }

  private isContainer(): boolean {
    return isZip(this.head) || isOle(this.head);
  }

  private zipType(head: Buffer): string {
    // OpenDocument: the first entry is an uncompressed file named "mimetype" holding the type.
    const odf = /^mimetype(application\/vnd\.oasis\.opendocument\.(?:text|spreadsheet|presentation))/.exec(
      head.subarray(30, 30 + 80).toString('latin1'),
    );
    if (odf) return odf[1];
    if (this.found.has('docx')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (this.found.has('xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    if (this.found.has('pptx')) return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
    return 'application/zip';
  }

  private oleType(): string {
    if (this.found.has('msg')) return 'application/vnd.ms-outlook';
    if (this.found.has('doc')) return 'application/msword';
    if (this.found.has('ppt')) return 'application/vnd.ms-powerpoint';
    if (this.found.has('xls') || this.found.has('xlsOld')) return 'application/vnd.ms-excel';
    return 'application/x-ole-storage';
  }
}

/** The type of the whole of `bytes` (tests, and anything already in memory). */
export function mediaTypeOf(bytes: Buffer): string {
  const sniffer = new MediaTypeSniffer();
  sniffer.push(bytes);
  return sniffer.mediaType();
}

function startsWith(head: Buffer, bytes: number[]): boolean {
  return head.length >= bytes.length && bytes.every((byte, index) => head[index] === byte);
}

function isZip(head: Buffer): boolean {
  return startsWith(head, [0x50, 0x4b, 0x03, 0x04]);
}

function isOle(head: Buffer): boolean {
  return startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
}

/** Text: markup a browser would render, an e-mail (RFC 5322 headers first), or plain text. */
function textType(text: string): string {
  const start = text.trimStart().slice(0, 1024).toLowerCase();
  if (start.startsWith('<?xml')) return /<svg[\s>]/.test(text.slice(0, 4096).toLowerCase()) ? 'image/svg+xml' : 'application/xml';
  if (/^<svg[\s>]/.test(start)) return 'image/svg+xml';
  if (/^<(?:!doctype html|html|head|body|script|iframe|div|p|a|img|meta|style|!--)[\s>]/.test(start)) return 'text/html';
  const headers = text
    .split(/\r?\n\r?\n/, 1)[0]
    .split(/\r?\n/)
    .filter((line) => !/^[ \t]/.test(line));
  const named = headers.every((line) => /^[!-9;-~]+:/.test(line));
  const mailHeaders = headers.filter((line) =>
    /^(?:from|to|subject|date|received|message-id|mime-version|return-path|delivered-to):/i.test(line),
  );
  if (headers.length >= 2 && named && mailHeaders.length >= 2) return 'message/rfc822';
  return 'text/plain';
}
