import { performance } from 'node:perf_hooks';
import { setImmediate } from 'node:timers/promises';

/**
 * The longest an import works before the event loop takes its turn. Measured by time, not by rows: a row
 * costs 0.02 ms to read and 0.3 ms to rehearse, so any fixed count is either far too many or far too few
 * (250 rows a turn blocked the loop for 50–150 ms). Issue 14 asks /health to answer within 200 ms throughout.
 */
export const TURN_MS = 10;

/** When the event loop last gave an import its turn (every import shares the one loop, so one clock). */
let turnStarted = performance.now();

/** Lets the event loop take its turn (timers, I/O, other requests) once this turn has run `TURN_MS`. */
export async function breathe(): Promise<void> {
  if (performance.now() - turnStarted < TURN_MS) return;
  await setImmediate();
  turnStarted = performance.now();
}
