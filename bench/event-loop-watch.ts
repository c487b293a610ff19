import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** The event loop's longest block while it was watched, two ways. */
export interface LoopBlocks {
  /** Wall time (monitorEventLoopDelay's max): what a request waited, the machine's other work included. */
  longestMs: number;
  /**
   * The most CPU time the main thread itself spent between two of the watcher's turns (5 ms apart when
   * nothing blocks): what the code held the loop for, at most, whatever else the machine ran. Undefined
   * where Linux's per-thread schedstat is not there.
   */
  longestCpuMs: number | undefined;
}

/** How often the watcher takes its turn; a stretch is the time between two of them. */
const TICK_MS = 5;

/**
 * Watches this process's event loop until `stop()`. On a shared two-core machine at load 4–8 a block's wall
 * time was 2–5 times the CPU the thread spent in it (the thread waited for a core): a bound on the wall time
 * measures the machine, a bound on the CPU time measures the code.
 */
export function watchEventLoop(): { stop(): LoopBlocks } {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let longestCpu = 0;
  let last = threadCpuMs();
  const tick = setInterval(() => {
    const now = threadCpuMs();
    if (now !== undefined && last !== undefined) longestCpu = Math.max(longestCpu, now - last);
    last = now;
  }, TICK_MS);
  return {
    stop() {
      clearInterval(tick);
      delay.disable();
      return { longestMs: delay.max / 1e6, longestCpuMs: last === undefined ? undefined : longestCpu };
    },
  };
}

/** The main thread's time on a CPU so far, from /proc/self/task/<pid>/schedstat (nanoseconds, first field). */
function threadCpuMs(): number | undefined {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}
