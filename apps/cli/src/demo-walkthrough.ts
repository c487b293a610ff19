import { readFileSync } from 'node:fs';
import { isRole, type Actor } from '@hmicfrs/auth';
import type { LifecycleCommand } from '@hmicfrs/lifecycle';
import { COMMAND_ACTIONS, type RecommendationWorkflow } from '@hmicfrs/workflow';

/** One step of the demo's walk: a user in their role sends a lifecycle command, as at some days ago. */
interface WalkStep {
  item: string;
  as: Actor;
  daysAgo: number;
  command: LifecycleCommand;
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
      Object.hasOwn(COMMAND_ACTIONS, step.command?.type);
    if (!fits) throw new Error(`${file}: step ${index + 1} needs item, as { userId, role }, a whole daysAgo and a lifecycle command`);
  });
  return steps;
}

/**
 * Sends each step through the workflow, so the policy table and the machine check it as they would a
 * user's. A due date written `+10d` is that many days after `today`, so the demo always has items due soon.
 */
export async function walk(workflow: RecommendationWorkflow, steps: WalkStep[], now: Date, say: (line: string) => void): Promise<void> {
  for (const [index, step] of steps.entries()) {
    const command = datedCommand(step.command, now);
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

function datedCommand(command: LifecycleCommand, now: Date): LifecycleCommand {
  if (command.type !== 'CHANGE_DUE_DATE') return command;
  const relative = /^\+(\d+)d$/.exec(command.dueDate);
  if (!relative) return command;
  return { ...command, dueDate: new Date(now.getTime() + Number(relative[1]) * DAY_MS).toISOString().slice(0, 10) };
}
