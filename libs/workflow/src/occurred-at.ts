import { OccurredAtRefused } from './errors';

/**
 * When the command's facts happened in the world. Defaults to now; a date in the future, or before
 * the item's previous event, is refused: histories run forwards, and only the store knows "recorded".
 */
export function occurredAt(requested: string | undefined, now: Date, previous?: string): string {
  if (requested === undefined) {
    // A previous event dated ahead of this server's clock (another node's) must not make "now" go backwards.
    return previous !== undefined && previous > now.toISOString() ? previous : now.toISOString();
  }
  const at = new Date(requested);
  if (Number.isNaN(at.getTime())) throw new OccurredAtRefused(`is not a date: ${JSON.stringify(requested)}`);
  if (at.getTime() > now.getTime()) {
    throw new OccurredAtRefused(`${at.toISOString()} is in the future (it is now ${now.toISOString()})`);
  }
  if (previous !== undefined && at.getTime() < new Date(previous).getTime()) {
    throw new OccurredAtRefused(`${at.toISOString()} is before the item's previous event (${previous})`);
  }
  return at.toISOString();
}
