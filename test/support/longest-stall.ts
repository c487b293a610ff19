/**
 * The longest this thread went without running a 5 ms timer while `work` ran, and how long the work took:
 * what a request arriving meanwhile would have waited, at most.
 */
export async function longestStall(work: () => Promise<unknown>): Promise<{ stallMs: number; tookMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const ticking = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  const began = performance.now();
  try {
    await work();
  } finally {
    clearInterval(ticking);
  }
  return { stallMs: Math.max(stallMs, performance.now() - last), tookMs: performance.now() - began };
}
