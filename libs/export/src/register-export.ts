import type { RegisterEntry, RegisterFilter, RegisterQueries, RegisterSort } from '@hmicfrs/projections';
import type { IsoDate } from '@hmicfrs/lifecycle';
import { registerCsv } from './register-csv';
import { registerXlsx } from './register-xlsx';

export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Exports list the whole filtered register, in reference order. */
const EXPORT_SORT: RegisterSort = 'reference';

/** Pages small enough to keep one read short while the projector writes. */
const PAGE = 500;

/** The register, filtered as the register query filters it, as a CSV or XLSX file. */
export async function exportRegister(
  queries: Pick<RegisterQueries, 'list'>,
  filter: RegisterFilter,
  format: ExportFormat,
  today: IsoDate,
): Promise<{ bytes: Buffer; fileName: string; rows: number }> {
  const entries: RegisterEntry[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = queries.list(filter, { limit: PAGE, offset, sort: EXPORT_SORT, descending: false }, today);
    entries.push(...page.items);
    if (page.items.length < PAGE || entries.length >= page.total) break;
  }
  const fileName = `register-${today}.${format}`;
  const bytes = format === 'csv' ? registerCsv(entries) : await registerXlsx(entries, `Register as at ${today}`, today);
  return { bytes, fileName, rows: entries.length };
}
