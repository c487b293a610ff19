import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '@hmicfrs/clock';
import type { RegisterFile } from '@hmicfrs/import';
import { text, type FieldError, type FormBody } from './forms/form';
import { UPLOADED_FILE, type UploadedFile } from './uploads';

/** Long enough to read a check's problems and decide, short enough that trackers do not pile up. */
export const HELD_FOR_MINUTES = 60;

/** The form field that carries a kept file's hash instead of the file. */
export const HELD_FIELD = 'held';

const SHA256 = /^[0-9a-f]{64}$/;

interface Held {
  name: string;
  heldAt: string;
}

/**
 * Files uploaded on the pages' import forms (the register, the people file), kept under their SHA-256 for
 * `HELD_FOR_MINUTES` so that after a check the liaison officer imports the same bytes without choosing the
 * file again: the form carries only the hash (`HELD_FIELD`). `<dir>/<sha256>` holds the bytes,
 * `<sha256>.json` the name and when it came; written to a temporary name and renamed, so a file under a
 * hash is always whole. Files past their time are removed whenever another is kept. The same bytes are the
 * same file whichever form sent them; what they may hold is for the importer that reads them.
 */
export class HeldFiles {
  constructor(
    private readonly dir: string,
    private readonly clock: Clock,
  ) {}

  /** Keeps the file; answers its SHA-256, the name the form carries. */
  async keep(file: RegisterFile): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    await this.dropExpired();
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const held: Held = { name: file.name, heldAt: this.clock().toISOString() };
    await this.write(sha256, file.bytes);
    await this.write(`${sha256}.json`, Buffer.from(JSON.stringify(held)));
    return sha256;
  }

  /** The file kept under `sha256`, or undefined when there is none, it has expired, or the hash is not one. */
  async find(sha256: string): Promise<RegisterFile | undefined> {
    if (!SHA256.test(sha256)) return undefined;
    const held = await this.read(sha256);
    if (held === undefined || this.expired(held)) return undefined;
    const bytes = await readFile(join(this.dir, sha256)).catch(() => undefined);
    if (bytes === undefined || createHash('sha256').update(bytes).digest('hex') !== sha256) return undefined;
    return { name: held.name, bytes };
  }

  /**
   * The file a form sends: the one chosen in its file input `field`, else the one kept under its hash
   * (`HELD_FIELD`), else the error to show on `field` (`noneChosen` when there is neither).
   */
  async fromForm(body: FormBody, field: string, noneChosen: string): Promise<{ file: RegisterFile } | { error: FieldError }> {
    const chosen = body?.[field];
    if (isUploaded(chosen)) return { file: { name: chosen.name, bytes: chosen.bytes } };
    const sha256 = text(body, HELD_FIELD);
    if (sha256 === '') return { error: { field, text: noneChosen } };
    const held = await this.find(sha256);
    if (held !== undefined) return { file: held };
    return {
      error: { field, text: `The file sent earlier is no longer kept (files are kept for ${HELD_FOR_MINUTES} minutes): choose it again` },
    };
  }

  private async write(name: string, bytes: Buffer): Promise<void> {
    const temporary = join(this.dir, `${randomUUID()}.part`);
    await writeFile(temporary, bytes, { mode: 0o600 });
    await rename(temporary, join(this.dir, name));
  }

  private async read(sha256: string): Promise<Held | undefined> {
    try {
      return JSON.parse(await readFile(join(this.dir, `${sha256}.json`), 'utf8')) as Held;
    } catch {
      return undefined;
    }
  }

  private expired(held: Held): boolean {
    return this.clock().getTime() - Date.parse(held.heldAt) > HELD_FOR_MINUTES * 60_000;
  }

  private async dropExpired(): Promise<void> {
    for (const name of await readdir(this.dir)) {
      const sha256 = name.slice(0, 64);
      if (!name.endsWith('.json') || !SHA256.test(sha256)) continue;
      const held = await this.read(sha256);
      if (held !== undefined && !this.expired(held)) continue;
      await rm(join(this.dir, sha256), { force: true });
      await rm(join(this.dir, name), { force: true });
    }
  }
}

function isUploaded(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && UPLOADED_FILE in value;
}
