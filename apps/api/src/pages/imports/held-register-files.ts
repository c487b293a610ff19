import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '@hmicfrs/clock';
import type { RegisterFile } from '@hmicfrs/import';

/** Long enough to read a check's problems and decide, short enough that trackers do not pile up. */
export const HELD_FOR_MINUTES = 60;

const SHA256 = /^[0-9a-f]{64}$/;

interface Held {
  name: string;
  heldAt: string;
}

/**
 * Register files uploaded on the import page, kept under their SHA-256 for `HELD_FOR_MINUTES` so that
 * after a check the liaison officer imports the same bytes without choosing the file again: the form
 * carries only the hash. `<dir>/<sha256>` holds the bytes, `<sha256>.json` the name and when it came;
 * written to a temporary name and renamed, so a file under a hash is always whole. Files past their
 * time are removed whenever another is kept.
 */
export class HeldRegisterFiles {
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
