import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { breathe } from './breathe';
import { ImportTooLarge, NotARegisterFile } from './errors';
import type { ImportLimits } from './import-limits';

/** Inflated while counting, this much at a time: deflate inflates at most about 1,032 times, so a chunk's output stays near 4 MB. */
const CHUNK = 4 * 1024;

/**
 * Refuses a workbook that would inflate beyond the limits before anything inflates it for real. First
 * the sizes its central directory declares (nothing is inflated), then the parts inflated and thrown
 * away chunk by chunk, counted, in case the directory lies: the reader trusts neither. The event loop takes
 * its turns between chunks: inflating a whole workbook of 20,000 rows at once blocked it for 70–250 ms.
 */
export async function guardZip(bytes: Buffer, limits: Pick<ImportLimits, 'maxUnzippedBytes' | 'maxZipRatio'>): Promise<void> {
  const parts: { name: string; size: number; originalSize: number }[] = [];
  try {
    unzipSync(bytes, { filter: ({ name, size, originalSize }) => (parts.push({ name, size, originalSize }), false) });
  } catch (error) {
    throw new NotARegisterFile(`it is a zip archive but not one we can read (${(error as Error).message})`);
  }
  const declared = parts.reduce((sum, part) => sum + part.originalSize, 0);
  if (declared > limits.maxUnzippedBytes) throw tooMuch(declared, limits.maxUnzippedBytes);
  for (const part of parts) checkRatio(part.name, part.originalSize, part.size, limits.maxZipRatio);

  let inflated = 0;
  let over: ImportTooLarge | undefined;
  const unzip = new Unzip((file) => {
    let ofFile = 0;
    file.ondata = (error, chunk) => {
      if (error || over) return;
      ofFile += chunk.length;
      inflated += chunk.length;
      if (inflated > limits.maxUnzippedBytes) over = tooMuch(inflated, limits.maxUnzippedBytes, true);
      else if (file.size !== undefined && ofFile > 1024 * 1024 && ofFile > Math.max(file.size, 1) * limits.maxZipRatio)
        over = ratio(file.name, limits.maxZipRatio);
      if (over) file.terminate();
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !over; at += CHUNK) {
      unzip.push(bytes.subarray(at, at + CHUNK), at + CHUNK >= bytes.length);
      await breathe();
    }
  } catch (error) {
    throw new NotARegisterFile(`it is a zip archive but not one we can read (${(error as Error).message})`);
  }
  if (over) throw over;
}

function checkRatio(name: string, originalSize: number, size: number, maxRatio: number): void {
  if (originalSize > Math.max(size, 1) * maxRatio && originalSize > 1024 * 1024) throw ratio(name, maxRatio);
}

function ratio(name: string, maxRatio: number): ImportTooLarge {
  return new ImportTooLarge(
    'zip-ratio',
    maxRatio,
    `The workbook's part ${name} inflates to more than ${maxRatio} times its compressed size, as a zip bomb does; a workbook's parts inflate far less`,
  );
}

/** `counted`: found while inflating (which stops there), not declared by the directory. */
function tooMuch(bytes: number, limit: number, counted = false): ImportTooLarge {
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return new ImportTooLarge(
    'unzipped',
    limit,
    `The workbook inflates to ${counted ? `more than ${mb(limit)}, more than its directory declares` : mb(bytes)}; ` +
      `an import takes at most ${mb(limit)} inflated (IMPORT_MAX_UNZIPPED_MB)`,
  );
}
