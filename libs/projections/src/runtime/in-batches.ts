const WAITED = Symbol('waited');

/**
 * Groups an async stream into batches of up to `size`: full batches while catching up, and whatever has
 * arrived once the stream has kept the batch waiting `maxWaitMs`, so live events are not held back.
 * Without `maxWaitMs` (a stream that ends, such as `readAll`) nothing is timed: a race per event costs
 * a tenth of a rebuild.
 * A live subscription always has a read outstanding, and an async generator's `return()` waits for it:
 * `close` (the subscription's) ends that read first, or leaving the loop would wait for the next event.
 */
export async function* inBatches<T>(
  source: AsyncIterable<T>,
  size: number,
  maxWaitMs?: number,
  close?: () => Promise<void>,
): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let batch: T[] = [];
  let deadline: Promise<typeof WAITED> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let next = iterator.next();
  try {
    for (;;) {
      const result = deadline === undefined ? await next : await Promise.race([next, deadline]);
      if (result === WAITED) {
        deadline = undefined;
        const full = batch;
        batch = [];
        yield full;
        continue;
      }
      if (result.done) {
        if (batch.length > 0) yield batch;
        return;
      }
      if (batch.length === 0 && maxWaitMs !== undefined) {
        deadline = new Promise((resolve) => {
          timer = setTimeout(() => resolve(WAITED), maxWaitMs);
        });
      }
      batch.push(result.value);
      next = iterator.next();
      if (batch.length >= size) {
        clearTimeout(timer);
        deadline = undefined;
        const full = batch;
        batch = [];
        yield full;
      }
    }
  } finally {
    clearTimeout(timer);
    await close?.();
    await iterator.return?.();
  }
}
