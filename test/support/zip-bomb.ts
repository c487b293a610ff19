import { Zip, ZipDeflate } from 'fflate';

const bombs = new Map<string, Buffer>();

/** A zip of one part that is `megabytes` of zeros, deflated chunk by chunk: the test never holds the inflated bytes. */
export function zipBomb(megabytes: number, name = 'xl/worksheets/sheet1.xml'): Buffer {
  const made = bombs.get(`${megabytes}:${name}`);
  if (made) return made;
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    parts.push(chunk);
  });
  const entry = new ZipDeflate(name, { level: 9 });
  zip.add(entry);
  const zeros = new Uint8Array(1024 * 1024);
  for (let i = 0; i < megabytes; i += 1) entry.push(zeros, i === megabytes - 1);
  zip.end();
  const bomb = Buffer.concat(parts);
  bombs.set(`${megabytes}:${name}`, bomb);
  return bomb;
}
