import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HELD_FOR_MINUTES, HeldFiles } from './held-files';
import { UPLOADED_FILE } from './uploads';

describe('files kept between a check and the import', () => {
  let dir: string;
  let now: number;
  let held: HeldFiles;
  const file = { name: 'tracker.csv', bytes: Buffer.from('inspection_id,reference\n') };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'held-'));
    now = Date.parse('2026-12-04T09:00:00Z');
    held = new HeldFiles(join(dir, 'held-imports'), () => new Date(now));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps a file under its SHA-256, with its name, until its time is up', async () => {
    const sha256 = await held.keep(file);
    expect(sha256).toBe(createHash('sha256').update(file.bytes).digest('hex'));
    expect(await held.find(sha256)).toEqual(file);
    now += HELD_FOR_MINUTES * 60_000 + 1;
    expect(await held.find(sha256)).toBeUndefined();
  });

  it('removes the files past their time when another is kept', async () => {
    const old = await held.keep(file);
    now += HELD_FOR_MINUTES * 60_000 + 1;
    const fresh = await held.keep({ name: 'other.csv', bytes: Buffer.from('other') });
    expect(readdirSync(join(dir, 'held-imports')).sort()).toEqual([fresh, `${fresh}.json`].sort());
    expect(old).not.toBe(fresh);
  });

  it('finds nothing for a name that is not a hash, and nothing whose bytes no longer hash to it', async () => {
    expect(await held.find('../held-imports')).toBeUndefined();
    const sha256 = await held.keep(file);
    writeFileSync(join(dir, 'held-imports', sha256), 'changed');
    expect(await held.find(sha256)).toBeUndefined();
  });

  it('takes the file a form sends: the one chosen, else the one kept under its hash, else says which is missing', async () => {
    const chosen = { [UPLOADED_FILE]: true, name: 'people.csv', bytes: Buffer.from('id,name\n') } as const;
    expect(await held.fromForm({ 'people-file': chosen }, 'people-file', 'None chosen')).toEqual({
      file: { name: 'people.csv', bytes: chosen.bytes },
    });
    const sha256 = await held.keep(file);
    expect(await held.fromForm({ held: sha256 }, 'people-file', 'None chosen')).toEqual({ file });
    expect(await held.fromForm({}, 'people-file', 'None chosen')).toEqual({ error: { field: 'people-file', text: 'None chosen' } });
    now += HELD_FOR_MINUTES * 60_000 + 1;
    expect(await held.fromForm({ held: sha256 }, 'register', 'None chosen')).toEqual({
      error: { field: 'register', text: 'The file sent earlier is no longer kept (files are kept for 60 minutes): choose it again' },
    });
  });
});
