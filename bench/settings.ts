/** A benchmark's size from the environment (`BENCH_EVENTS=100000`), or `fallback` when unset. */
export function positiveInteger(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1) throw new Error(`${name} must be a positive whole number, got ${value}`);
  return parsed;
}
