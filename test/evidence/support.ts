import { deflateRawSync } from 'node:zlib';

/** A small but real PDF. */
export function pdf(text = 'Evidence'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0e1d5b00000000049454e44ae426082',
  'hex',
);

/** A ZIP with the entries named (stored, not compressed, apart from a deflated body): enough to be read as OOXML or OpenDocument. */
export function zip(entries: { name: string; body: string; stored?: boolean }[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const body = entry.stored ? Buffer.from(entry.body) : deflateRawSync(Buffer.from(entry.body));
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(entry.stored ? 0 : 8, 8);
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(entry.body.length, 22);
    header.writeUInt16LE(Buffer.byteLength(entry.name), 26);
    parts.push(header, Buffer.from(entry.name), body);
  }
  return Buffer.concat(parts);
}

export const DOCX = zip([
  { name: '[Content_Types].xml', body: '<Types/>' },
  { name: 'word/document.xml', body: '<w:document/>' },
]);
export const ODT = zip([
  { name: 'mimetype', body: 'application/vnd.oasis.opendocument.text', stored: true },
  { name: 'content.xml', body: '<office/>' },
]);
