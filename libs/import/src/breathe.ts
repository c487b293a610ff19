import { setImmediate } from 'node:timers/promises';

/** Rows handled between two turns of the event loop: a long import must not keep `/health` and other requests waiting. */
export const ROWS_PER_TURN = 250;

/** Lets the event loop take its turn (timers, I/O, other requests) every `ROWS_PER_TURN`th call. */
export async function breathe(count: number): Promise<void> {
  if (count % ROWS_PER_TURN === 0) await setImmediate();
}
