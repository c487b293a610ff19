import { strFromU8, unzipSync } from 'fflate';
import type { Response } from 'superagent';

/**
 * A Word document read back the way a committee secretary sees it: its paragraphs' text and its tables'
 * cells, from word/document.xml. Small on purpose: it reads what the paper writes, nothing more.
 */
export interface ReadDocx {
  paragraphs: string[];
  tables: string[][][];
  xml: string;
  entries: string[];
}

/** supertest's `.parse()` for a binary answer (a .docx): the body as the bytes sent. */
export function bytesOf(response: Response, done: (error: Error | null, body: unknown) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

export function readDocx(bytes: Uint8Array): ReadDocx {
  const entries = unzipSync(bytes);
  const xml = strFromU8(entries['word/document.xml']);
  const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  return {
    paragraphs: [...body.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => textOf(p)).filter((p) => p !== ''),
    tables: [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map(([table]) =>
      [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(([row]) =>
        [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([cell]) => textOf(cell)),
      ),
    ),
    xml,
    entries: Object.keys(entries),
  };
}

function textOf(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map(([, text]) => text)
    .join('')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
