import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from './cli-command';

/** Marks a directory as the demo's own, so that only such a directory is ever emptied. */
const MARKER = '.hmicfrs-demo';

/** The repository's root: the nearest directory above this file with a package.json (works from src and dist). */
export function repositoryRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** The demo's data, in the repository as files, not code. */
export function demoFile(name: string): string {
  return join(repositoryRoot(), 'apps', 'cli', 'demo', name);
}

/**
 * A fresh, empty data directory for the demo. A directory the demo made before is emptied; any other
 * directory that holds files is refused, so the demo never deletes anyone's data.
 */
export function freshDemoDirectory(path: string): string {
  const dir = resolve(path);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!existsSync(join(dir, MARKER))) {
      throw new UsageError(`${dir} already holds files the demo did not make; give another directory with --data-dir`);
    }
    rmSync(dir, { recursive: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MARKER), 'Made by `npm run demo`, which empties this directory each time it starts.\n');
  return dir;
}
