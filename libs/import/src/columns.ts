/**
 * The register file's columns, one row per item: the shape of a force's "recommendation action tracker".
 * Headers match case-insensitively, and spaces or hyphens count as underscores ("Due date" is `due_date`).
 */
export const COLUMNS = [
  { name: 'inspection_id', required: true, describe: "the inspection report's id in this register, e.g. `vmm-2022`" },
  { name: 'inspection_title', required: true, describe: "the report's title as HMICFRS published it" },
  { name: 'inspection_type', required: true, describe: 'peel, thematic, jtai, super_complaint, re_visit or other' },
  {
    name: 'published_on',
    required: true,
    describe: "the report's publication date, DD/MM/YYYY or YYYY-MM-DD; the item is opened as at that date",
  },
  { name: 'kind', required: true, describe: 'recommendation, cause_of_concern or area_for_improvement (AFI)' },
  { name: 'reference', required: true, describe: "the HMICFRS reference, unique in the register and the item's id, e.g. `9159`" },
  { name: 'text', required: true, describe: 'the recommendation as HMICFRS worded it' },
  { name: 'level', required: true, describe: 'the HMICFRS level, 1 to 4 ("Level 3" and "Lv3" are read as 3)' },
  { name: 'addressee', required: true, describe: 'whom HMICFRS addressed it to, e.g. Chief Constables' },
  { name: 'portfolio', required: true, describe: 'the force portfolio that owns the work' },
  { name: 'owner', required: false, describe: "the owner's user id; needed for any status from submitted on" },
  { name: 'rag', required: false, describe: 'red, amber or green; needed for any status from rag_rated on' },
  { name: 'due_date', required: false, describe: 'DD/MM/YYYY or YYYY-MM-DD' },
  {
    name: 'status',
    required: true,
    describe:
      'where the item stands now: open, rag_rated, submitted, self_certified, awaiting_hmicfrs, hmicfrs_verified, archived or not_applicable',
  },
  {
    name: 'status_date',
    required: false,
    describe: 'DD/MM/YYYY or YYYY-MM-DD: the day the item reached that status; default: the day of the import',
  },
  { name: 'progress_note', required: false, describe: 'the latest progress update' },
] as const;

export type ColumnName = (typeof COLUMNS)[number]['name'];

export const COLUMN_NAMES: readonly ColumnName[] = COLUMNS.map((column) => column.name);

/** "Due date", "due-date" and "DUE_DATE" all name `due_date`. */
export function columnKey(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}
