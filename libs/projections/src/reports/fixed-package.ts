import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * An Office package (a .docx, a .xlsx) again with nothing that depends on when or where it was made:
 * the core properties' created and modified times become the record's time, and every entry gets one
 * fixed time, in name order: the same file gives the same bytes, drawn up whenever and wherever. fflate
 * writes DOS times in local time, so the fixed time is built in local time too: the same bytes in any zone.
 */
export function fixedPackage(packed: Buffer, recordTime: string): Buffer {
  const entries = unzipSync(new Uint8Array(packed));
  const at = recordTime.replace(/\.\d{3}Z$/, 'Z');
  const core = 'docProps/core.xml';
  if (entries[core] !== undefined) {
    entries[core] = strToU8(
      Buffer.from(entries[core])
        .toString('utf8')
        .replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${at}$3`),
    );
  }
  const mtime = new Date(1980, 0, 1);
  const zippable: Zippable = {};
  // [Content_Types].xml first, as Word and Excel write it; then the rest in name order.
  const names = Object.keys(entries).sort(
    (a, b) => Number(b === '[Content_Types].xml') - Number(a === '[Content_Types].xml') || (a < b ? -1 : a > b ? 1 : 0),
  );
  for (const name of names) zippable[name] = [entries[name], { mtime, level: 6 }];
  return Buffer.from(zipSync(zippable));
}
