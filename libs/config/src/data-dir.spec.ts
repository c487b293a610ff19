import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { secureDataDir } from './data-dir';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the data directory', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hmicfrs-datadir-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is made for its owner only, 0700', () => {
    const dir = join(root, 'data');
    secureDataDir(dir);
    expect(mode(dir)).toBe(0o700);
  });

  it('tightens a directory and files left readable by others to 0700 and 0600', () => {
    const events = join(root, 'events.db');
    writeFileSync(events, 'x', { mode: 0o644 });
    writeFileSync(join(root, 'users.json'), '[]', { mode: 0o666 });
    secureDataDir(root);
    expect([mode(root), mode(events), mode(join(root, 'users.json'))]).toEqual([0o700, 0o600, 0o600]);
  });
});
