import { createReadStream, readFileSync } from 'node:fs';
import { isRole, type Actor } from '@hmicfrs/auth';
import type { EvidenceIntake } from '@hmicfrs/evidence';
import type { LifecycleCommand } from '@hmicfrs/lifecycle';
import { COMMAND_ACTIONS, type RecommendationWorkflow } from '@hmicfrs/workflow';

/** One step of the demo's walk: a user in their role sends a lifecycle command, as at some days ago. */
interface WalkStep {
  item: string;
  as: Actor;
  daysAgo: number;
  command: LifecycleCommand;
  /** A document shipped with the demo (a file name in apps/cli/demo) that this ATTACH_EVIDENCE uploads. */
  upload?: string;
}

/** Where the walk's documents come from, and the intake that checks and keeps them, as it does the API's uploads. */
export interface WalkDocuments {
  intake: EvidenceIntake;
  pathOf(fileName: string): string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Reads the walk, refusing a step the file gets wrong rather than sending something odd. */
export function readWalk(file: string): WalkStep[] {
  const { steps } = JSON.parse(readFileSync(file, 'utf8')) as { steps: WalkStep[] };
  steps.forEach((step, index) => {
    const fits =
      typeof step.item === 'string' &&
      typeof step.as?.userId === 'string' &&
      isRole(step.as.role) &&
      Number.isInteger(step.daysAgo) &&
      Object.hasOwn(COMMAND_ACTIONS, step.command?.type) &&
      (step.upload === undefined || (step.command.type === 'ATTACH_EVIDENCE' && /^[\w.-]+$/.test(step.upload)));
    if (!fits)
      throw new Error(
        `${file}: step ${index + 1} needs item, as { userId, role }, a whole daysAgo and a lifecycle command (and an upload only as a file name, on ATTACH_EVIDENCE)`,
      );
  });
  return steps;
}

/**
 * Sends each step through the workflow, so the policy table and the machine check it as they would a
 * user's. A due date written `+10d` is that many days after `today`, so the demo always has items due soon.
 */
export async function walk(
  workflow: RecommendationWorkflow,
  steps: WalkStep[],
  documents: WalkDocuments,
  now: Date,
  say: (line: string) => void,
): Promise<void> {
  for (const [index, step] of steps.entries()) {
    const command = step.upload === undefined ? datedCommand(step.command, now) : await uploaded(step.command, step.upload, documents);
    const outcome = await workflow.execute(step.item, command, {
      actor: step.as,
      idempotencyKey: `demo-walk-${index}`,
      occurredAt: new Date(now.getTime() - step.daysAgo * DAY_MS).toISOString(),
    });
    say(
      `  ${step.item.padEnd(10)} ${`${step.as.userId} (${step.as.role})`.padEnd(26)} ${command.type.padEnd(16)} → ${outcome.statusDescription}`,
    );
  }
}

/**
 * The document read through the evidence intake (its limits, its types from the bytes), kept under its
 * hash, and the command made to record what the intake found: nobody typed the hash.
 */
async function uploaded(command: LifecycleCommand, fileName: string, { intake, pathOf }: WalkDocuments): Promise<LifecycleCommand> {
  if (command.type !== 'ATTACH_EVIDENCE') throw new Error(`Only ATTACH_EVIDENCE uploads a document, not ${command.type}`);
  const { staged, fileName: name } = await intake.take(fileName, createReadStream(pathOf(fileName)));
  await intake.store.keep(staged);
  const { evidenceId, title, isChiefConstableLetter } = command;
  return {
    type: 'ATTACH_EVIDENCE',
    evidenceId,
    title,
    isChiefConstableLetter,
    sha256: staged.sha256,
    file: { name, mediaType: staged.mediaType, size: staged.size },
  };
}

function datedCommand(command: LifecycleCommand, now: Date): LifecycleCommand {
  if (command.type !== 'CHANGE_DUE_DATE') return command;
  const relative = /^\+(\d+)d$/.exec(command.dueDate);
  if (!relative) return command;
  return { ...command, dueDate: new Date(now.getTime() + Number(relative[1]) * DAY_MS).toISOString().slice(0, 10) };
}
