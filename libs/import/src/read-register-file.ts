import { isUtf8 } from 'node:buffer';
import { NotARegisterFile } from './errors';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './import-limits';
import { readCsv } from './read-csv';
import { readXlsx } from './read-xlsx';
import type { RegisterTable } from './register-table';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const PDF = Buffer.from('%PDF');

/** Reads CSV or XLSX by what the bytes are, not by the file's name: trackers get renamed. */
export async function readRegisterFile(bytes: Buffer, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Promise<RegisterTable> {
  if (bytes.length === 0) throw new NotARegisterFile('the file is empty');
  if (startsWith(bytes, ZIP)) return readXlsx(bytes, limits);
  if (startsWith(bytes, OLE)) throw new NotARegisterFile('it is an Excel 97–2003 workbook (.xls), which is not supported');
  if (startsWith(bytes, PDF)) throw new NotARegisterFile('it is a PDF');
  if (bytes.subarray(0, 64 * 1024).includes(0)) throw new NotARegisterFile('it holds binary data, not text');
  if (!isUtf8(bytes)) throw new NotARegisterFile('it is not UTF-8 text (Excel: "CSV UTF-8" when saving)');
  return readCsv(bytes, limits);
}

function startsWith(bytes: Buffer, magic: Buffer): boolean {
  return bytes.subarray(0, magic.length).equals(magic);
}
