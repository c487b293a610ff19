import { checkpointsCommand } from './checkpoints.command';
import type { CliCommand } from './cli-command';
import { demoCommand } from './demo.command';
import { evidenceCommand } from './evidence.command';
import { exportCommand } from './export.command';
import { importCommand } from './import.command';
import { projectCommand } from './project.command';
import { rebuildCommand } from './rebuild.command';
import { remindersCommand } from './reminders.command';
import { replayCommand } from './replay.command';
import { reportCommand } from './report.command';
import { sealCommand } from './seal.command';
import { tokenCommand } from './token.command';
import { verifyCommand } from './verify.command';

export const COMMANDS: CliCommand[] = [
  tokenCommand,
  verifyCommand,
  sealCommand,
  checkpointsCommand,
  replayCommand,
  importCommand,
  demoCommand,
  remindersCommand,
  exportCommand,
  projectCommand,
  rebuildCommand,
  reportCommand,
  evidenceCommand,
];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return ['Usage: npm run cli -- <command> [options]', '', ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)].join('\n');
}
