import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '@hmicfrs/event-store';
import {
  EvidenceIntake,
  EvidenceRefused,
  FilesystemEvidenceStore,
  findOrphans,
  mediaTypeOf,
  sanitisedFileName,
  verifyEvidence,
  DEFAULT_EVIDENCE_TYPES,
} from './index';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
async function* chunks(...parts: Buffer[]): AsyncIterable<Buffer> {
  for (const part of parts) yield part;
}
const PDF = Buffer.from('%PDF-1.7\nsome evidence\n%%EOF\n');

function attached(sha: string, size: number, evidenceId = 'doc-1'): RecordedEvent {
  return {
    streamId: 'recommendation-X',
    revision: 3,
    type: 'EvidenceAttached',
    data: {
      evidenceId,
      title: 'T',
      isChiefConstableLetter: false,
      sha256: sha,
      file: { name: 'a.pdf', mediaType: 'application/pdf', size },
    },
    metadata: { schemaVersion: 2 },
  } as unknown as RecordedEvent;
}
async function* log(...events: RecordedEvent[]): AsyncIterable<RecordedEvent> {
  yield* events;
}

describe('the filesystem evidence store', () => {
  let root: string;
  let store: FilesystemEvidenceStore;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'evidence-'));
    store = new FilesystemEvidenceStore(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('hashes and types the bytes as they stream, and keeps them under their hash, read-only, once', async () => {
    const staged = await store.stage(chunks(PDF.subarray(0, 3), PDF.subarray(3)), { maxBytes: 1000 });
    expect(staged).toMatchObject({ sha256: sha256(PDF), size: PDF.length, mediaType: 'application/pdf' });
    expect(existsSync(join(root, 'sha256', sha256(PDF).slice(0, 2), sha256(PDF)))).toBe(false);
    await store.keep(staged);
    const again = await store.stage(chunks(PDF), { maxBytes: 1000 });
    await store.keep(again);
    expect(readdirSync(join(root, 'sha256', sha256(PDF).slice(0, 2)))).toEqual([sha256(PDF)]);
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
    expect(await store.rehash(sha256(PDF))).toBe(sha256(PDF));
    const read: Buffer[] = [];
    for await (const chunk of await store.open(sha256(PDF))) read.push(chunk as Buffer);
    expect(Buffer.concat(read)).toEqual(PDF);
  });

  it('leaves nothing behind when a file is too large, or the stream fails half way', async () => {
    await expect(store.stage(chunks(PDF, PDF), { maxBytes: PDF.length + 1 })).rejects.toThrow(EvidenceRefused);
    async function* failing(): AsyncIterable<Buffer> {
      yield PDF;
      throw new Error('connection reset');
    }
    await expect(store.stage(failing(), { maxBytes: 1000 })).rejects.toThrow('connection reset');
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });

  it('refuses empty files, types not allowed and bad names through the intake, keeping nothing', async () => {
    const intake = new EvidenceIntake(store, { maxBytes: 1000, allowedTypes: DEFAULT_EVIDENCE_TYPES, maxFiles: 5 });
    await expect(intake.take('a.pdf', chunks())).rejects.toMatchObject({ problem: 'empty' });
    await expect(intake.take('a.pdf', chunks(Buffer.from('<html><script>x</script></html>')))).rejects.toMatchObject({
      problem: 'type_not_allowed',
      message: expect.stringContaining('HTML'),
    });
    await expect(intake.take('../a.pdf', chunks(PDF))).rejects.toMatchObject({ problem: 'bad_name' });
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
    expect(sanitisedFileName('  LRO training register.xlsx ')).toBe('LRO training register.xlsx');
    expect(() => sanitisedFileName('a\nb.pdf')).toThrow('control characters');
  });

  it('names a missing or altered file that an event names', async () => {
    const other = Buffer.from('%PDF-1.4 other');
    for (const bytes of [PDF, other]) await store.keep(await store.stage(chunks(bytes), { maxBytes: 1000 }));
    const altered = join(root, 'sha256', sha256(other).slice(0, 2), sha256(other));
    chmodSync(altered, 0o644);
    writeFileSync(altered, 'tampered');
    unlinkSync(join(root, 'sha256', sha256(PDF).slice(0, 2), sha256(PDF)));
    const verdict = await verifyEvidence(
      log(attached(sha256(PDF), PDF.length, 'doc-a'), attached(sha256(other), other.length, 'doc-b')),
      store,
    );
    expect(verdict.checked).toBe(2);
    expect(verdict.problems).toEqual([
      expect.objectContaining({ kind: 'missing', sha256: sha256(PDF), references: [expect.objectContaining({ evidenceId: 'doc-a' })] }),
      expect.objectContaining({ kind: 'altered', sha256: sha256(other), actual: sha256(Buffer.from('tampered')) }),
    ]);
  });

  it('finds as orphans only files no event names and interrupted uploads, older than the grace', async () => {
    const orphan = Buffer.from('%PDF-1.4 orphan');
    for (const bytes of [PDF, orphan]) await store.keep(await store.stage(chunks(bytes), { maxBytes: 1000 }));
    writeFileSync(join(root, 'tmp', '00000000-0000-4000-8000-000000000000.part'), 'half an upload');
    const now = new Date(Date.now() + 2 * 3600_000);
    expect(await findOrphans(log(attached(sha256(PDF), PDF.length)), store, new Date(), 3600_000)).toEqual([]);
    const orphans = await findOrphans(log(attached(sha256(PDF), PDF.length)), store, now, 3600_000);
    expect(orphans.map((o) => [o.kind, o.id]).sort()).toEqual([
      ['document', sha256(orphan)],
      ['leftover', '00000000-0000-4000-8000-000000000000'],
    ]);
  });
});

describe('media types, from the bytes', () => {
  it.each([
    ['PDF', PDF, 'application/pdf'],
    ['plain text', Buffer.from('Minutes of the board, 12 March 2024\n'), 'text/plain'],
    ['an e-mail', Buffer.from('From: a@police.uk\r\nTo: b@police.uk\r\nSubject: Letter\r\n\r\nBody'), 'message/rfc822'],
    ['HTML', Buffer.from('  <!doctype html><p>x'), 'text/html'],
    ['SVG', Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml'],
    ['binary', Buffer.from([1, 2, 3, 0, 200]), 'application/octet-stream'],
    [
      'an Outlook message',
      Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(500), Buffer.from('__substg1.0_0037001F', 'utf16le')]),
      'application/vnd.ms-outlook',
    ],
    [
      'a Word 97 document',
      Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(500), Buffer.from('WordDocument', 'utf16le')]),
      'application/msword',
    ],
  ])('%s', (_, bytes, type) => {
    expect(mediaTypeOf(bytes)).toBe(type);
  });
});
