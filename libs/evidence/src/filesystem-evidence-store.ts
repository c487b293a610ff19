import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, utimes, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { EvidenceFileMissing, EvidenceRefused } from './errors';
import type { EvidenceStore, StagedDocument, StoredFile } from './evidence-store.port';
import { MediaTypeSniffer } from './media-types';

const SHA256 = /^[0-9a-f]{64}$/;
const STAGED = /^[0-9a-f-]{36}\.part$/;
/** The bytes an upload gathers before writing them with one writev; at most two such batches are held. */
const WRITE_BATCH = 1024 * 1024;

/**
 * The evidence store on a filesystem: `<root>/sha256/<first two hex digits>/<sha256>`, read-only once
 * written, and `<root>/tmp/<uuid>.part` while an upload streams in. The temporary file is fsynced, renamed
 * under its hash and the directory fsynced: a crash leaves either no file under the hash or the whole one.
 * The root may be a volume shared by several API instances (rename is atomic on one filesystem).
 */
export class FilesystemEvidenceStore implements EvidenceStore {
  private readonly tmp: string;
  private readonly content: string;
  private tmpMade = false;
  private prefixesMade = false;

  constructor(readonly root: string) {
    this.tmp = join(root, 'tmp');
    this.content = join(root, 'sha256');
  }

  async stage(source: AsyncIterable<Buffer>, { maxBytes }: { maxBytes: number }): Promise<StagedDocument> {
    const id = randomUUID();
    const path = this.stagedPath(id);
    const file = await this.openStaged(path);
    const hash = createHash('sha256');
    const sniffer = new MediaTypeSniffer();
    let size = 0;
    // Write-behind in batches: chunks are hashed as they arrive and gathered until there is WRITE_BATCH of
    // them, then handed to the file in one writev while the next batch gathers. A 5 MB file is a handful
    // of system calls rather than one per 64 KB socket chunk (each costs the event loop some 50 µs), and
    // at most two batches are held, whatever the file's size.
    let batch: Buffer[] = [];
    let batched = 0;
    let writing: Promise<void> = Promise.resolve();
    let failed: { error: unknown } | undefined;
    const write = (buffers: Buffer[]): Promise<void> =>
      writeAll(file, buffers).catch((error: unknown) => {
        failed ??= { error };
      });
    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > maxBytes)
          throw new EvidenceRefused('too_large', `The file is larger than ${megabytes(maxBytes)}, the most a document may be`);
        hash.update(chunk);
        sniffer.push(chunk);
        batch.push(chunk);
        batched += chunk.length;
        if (batched < WRITE_BATCH) continue;
        await writing;
        if (failed) throw failed.error;
        writing = write(batch);
        batch = [];
        batched = 0;
      }
      await writing;
      if (failed) throw failed.error;
      if (batch.length > 0) await writeAll(file, batch);
      // Read-only before the fsync, so the mode is as durable as the bytes and keeping it is a rename only.
      await file.chmod(0o444);
      await file.sync();
    } catch (error) {
      await writing;
      await file.close().catch(() => undefined);
      await rm(path, { force: true });
      throw error;
    }
    await file.close();
    return { id, sha256: hash.digest('hex'), size, mediaType: sniffer.mediaType() };
  }

  /** The staging file, created new; the staging folder is made on the first upload (and again if it has gone). */
  private async openStaged(path: string): Promise<FileHandle> {
    if (!this.tmpMade) {
      await mkdir(this.tmp, { recursive: true });
      this.tmpMade = true;
    }
    return open(path, 'wx', 0o600).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      await mkdir(this.tmp, { recursive: true });
      return open(path, 'wx', 0o600);
    });
  }

  async keep(staged: StagedDocument): Promise<void> {
    const from = this.stagedPath(staged.id);
    const target = this.pathOf(staged.sha256);
    const held = await stat(target).catch(() => undefined);
    if (held?.isFile()) {
      // The same bytes are kept once. Touched, so `cli evidence gc` gives them the grace of a new upload.
      const now = new Date();
      await utimes(target, now, now);
      await rm(from, { force: true });
      return;
    }
    const directory = join(this.content, staged.sha256.slice(0, 2));
    await this.makePrefixDirectories();
    await rename(from, target).catch(async (error: NodeJS.ErrnoException) => {
      // Its folder removed since (by hand): made again.
      if (error.code !== 'ENOENT' || (await stat(from).catch(() => undefined)) === undefined) throw error;
      await mkdir(directory, { recursive: true });
      await syncDirectory(this.content);
      await rename(from, target);
    });
    await syncDirectory(directory);
  }

  /**
   * The 256 folders `sha256/00` … `sha256/ff`, made (and `sha256` fsynced) once, on the first document kept,
   * rather than one folder and an fsync of `sha256` on each of the first few hundred uploads.
   */
  private async makePrefixDirectories(): Promise<void> {
    if (this.prefixesMade) return;
    await mkdir(this.content, { recursive: true });
    const made = await Promise.all(
      Array.from({ length: 256 }, (_, n) => mkdir(join(this.content, n.toString(16).padStart(2, '0')), { recursive: true })),
    );
    if (made.some((path) => path !== undefined)) await syncDirectory(this.content);
    this.prefixesMade = true;
  }

  async discard(staged: StagedDocument): Promise<void> {
    await rm(this.stagedPath(staged.id), { force: true });
  }

  async open(sha256: string): Promise<Readable> {
    const path = this.pathOf(sha256);
    const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new EvidenceFileMissing(sha256);
      throw error;
    });
    return handle.createReadStream();
  }

  async rehash(sha256: string): Promise<string | undefined> {
    const stream = await this.open(sha256).catch((error: unknown) => {
      if (error instanceof EvidenceFileMissing) return undefined;
      throw error;
    });
    if (!stream) return undefined;
    const hash = createHash('sha256');
    for await (const chunk of stream) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }

  async *files(): AsyncIterable<StoredFile> {
    for (const prefix of await entries(this.content)) {
      for (const name of await entries(join(this.content, prefix))) {
        if (!SHA256.test(name) || name.slice(0, 2) !== prefix) continue;
        const info = await stat(join(this.content, prefix, name)).catch(() => undefined);
        if (info?.isFile()) yield { sha256: name, size: info.size, modifiedAt: info.mtime };
      }
    }
  }

  async *leftovers(): AsyncIterable<{ id: string; size: number; modifiedAt: Date }> {
    for (const name of await entries(this.tmp)) {
      if (!STAGED.test(name)) continue;
      const info = await stat(join(this.tmp, name)).catch(() => undefined);
      if (info?.isFile()) yield { id: name.slice(0, -'.part'.length), size: info.size, modifiedAt: info.mtime };
    }
  }

  async remove(target: { sha256: string } | { leftover: string }): Promise<void> {
    await rm('sha256' in target ? this.pathOf(target.sha256) : this.stagedPath(target.leftover), { force: true });
  }

  private pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new EvidenceFileMissing(sha256);
    return join(this.content, sha256.slice(0, 2), sha256);
  }

  private stagedPath(id: string): string {
    if (!STAGED.test(`${id}.part`)) throw new Error(`Not a staged document's id: ${id}`);
    return join(this.tmp, `${id}.part`);
  }
}

/** Every byte of the buffers, in order (writev may write fewer than it was given). */
async function writeAll(file: FileHandle, buffers: Buffer[]): Promise<void> {
  let pending = buffers;
  while (pending.length > 0) {
    let written = (await file.writev(pending)).bytesWritten;
    while (pending.length > 0 && written >= pending[0].length) {
      written -= pending[0].length;
      pending = pending.slice(1);
    }
    if (written > 0) pending = [pending[0].subarray(written), ...pending.slice(1)];
  }
}

/** A rename is durable once its directory is: fsync the directory itself. */
async function syncDirectory(path: string): Promise<void> {
  const directory = await open(path, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

async function entries(path: string): Promise<string[]> {
  return readdir(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
}

export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
