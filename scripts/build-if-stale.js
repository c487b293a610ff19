#!/usr/bin/env node
// `npm run cli` runs this first: it builds (`npm run build`) only when dist/ is missing or older than
// anything the build reads, so a quick command does not wait for a whole compile every time.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const stamp = join(root, 'dist', '.build-stamp');
const inputs = [
  'apps',
  'libs',
  'bench',
  'nest-cli.json',
  'package.json',
  ...readdirSync(root).filter((name) => /^tsconfig.*\.json$/.test(name)),
];

/** The newest mtime under a path: directories count too, so a deleted or renamed source is a change. */
function newest(path) {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  let latest = stats.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

function stale() {
  const built = statSync(stamp, { throwIfNoEntry: false });
  if (!built || !existsSync(join(root, 'dist', 'apps', 'cli', 'src', 'main.js'))) return true;
  return inputs.some((input) => newest(join(root, input)) > built.mtimeMs);
}

if (stale()) {
  // Stamped with the time the build started: a source saved while it compiles still counts as newer.
  const started = new Date();
  // The build's output goes to stderr, so that what the command prints on stdout can be piped.
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) process.exit(build.status ?? 1);
  writeFileSync(stamp, '');
  utimesSync(stamp, started, started);
}
