export interface Comparison {
  name: string;
  events: number;
  adapter: number[];
  raw: number[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Events per second of one timed run; collects garbage first so one run does not pay for the last. */
export async function eventsPerSecond(events: number, run: () => Promise<unknown> | unknown): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const started = process.hrtime.bigint();
  await run();
  return events / seconds(process.hrtime.bigint() - started);
}

export function seconds(nanoseconds: bigint): number {
  return Number(nanoseconds) / 1e9;
}

export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function table(comparisons: Comparison[]): string {
  const rows = comparisons.map((c) => {
    const adapter = median(c.adapter);
    const raw = median(c.raw);
    return [c.name, c.events.toLocaleString('en-GB'), rate(adapter), rate(raw), (adapter / raw).toFixed(2)];
  });
  const header = ['measurement', 'events/run', 'adapter ev/s', 'raw ev/s', 'adapter/raw'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function rate(perSecond: number): string {
  return Math.round(perSecond).toLocaleString('en-GB');
}
