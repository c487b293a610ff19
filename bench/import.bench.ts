/**
 * Importing a register of 5,000 items (CSV and XLSX), each through the workflow to its status.
 *   npm run bench:import                 5,000 rows
 *   BENCH_ROWS=500 npm run bench:import  a quick try
 * Every row is several commands (open, rate, evidence, submit, approve...), each a durable append.
 * Then the largest import allowed (IMPORT_MAX_ROWS, 20,000 rows; BENCH_LARGEST_ROWS to change it) over HTTP,
 * checked as CSV and XLSX and imported as CSV, with the slowest /health answer and the longest event-loop
 * block meanwhile, beside the same figures with nothing imported.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { SqliteEventStore } from '@hmicfrs/event-store';
import { COLUMNS, DEFAULT_IMPORT_LIMITS, RegisterImporter } from '@hmicfrs/import';
import { PeopleDirectory, RecommendationWorkflow } from '@hmicfrs/workflow';
import { largestImport } from './largest-import';
import { positiveInteger } from './settings';

const ROWS = Number(process.env.BENCH_ROWS ?? 5000);
const LARGEST_ROWS = positiveInteger('BENCH_LARGEST_ROWS', DEFAULT_IMPORT_LIMITS.maxRows);
const OWNER = { id: 'ch-insp-jones', name: 'Ch Insp Gareth Jones' };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const STATUSES = [
  ['open', ''],
  ['rag_rated', 'amber'],
  ['submitted', 'green'],
  ['self_certified', 'green'],
  ['hmicfrs_verified', 'green'],
  ['archived', 'red'],
] as const;

function registerRows(count: number): string[][] {
  return Array.from({ length: count }, (_, index) => {
    const [status, rag] = STATUSES[index % STATUSES.length];
    const cells: Record<string, string> = {
      inspection_id: `report-${index % 40}`,
      inspection_title: `Inspection report ${index % 40}`,
      inspection_type: 'thematic',
      published_on: '2022-11-02',
      kind: 'recommendation',
      reference: `R-${index}`,
      text: `By 31 March 2023, chief constables should make sure that recommendation ${index} is done.`,
      level: '3',
      addressee: 'Chief constables',
      portfolio: 'Professional Standards',
      owner: 'ch-insp-jones',
      rag,
      due_date: '2023-03-31',
      status,
      status_date: '2023-01-15',
      progress_note: index % 3 === 0 ? 'Progress reported to the HMIC Oversight Board.' : '',
    };
    return COLUMNS.map((column) => cells[column.name]);
  });
}

function asCsv(rows: string[][]): Buffer {
  return Buffer.from([COLUMNS.map((column) => column.name), ...rows].map((cells) => cells.map((cell) => `"${cell}"`).join(',')).join('\n'));
}

async function asXlsx(rows: string[][]): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Register');
  sheet.addRow(COLUMNS.map((column) => column.name));
  sheet.addRows(rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function timedImport(root: string, name: string, bytes: Buffer): Promise<void> {
  const store = SqliteEventStore.open(join(root, `${name}.db`));
  const clock = () => new Date();
  const importer = new RegisterImporter(new RecommendationWorkflow(store, clock), store, clock);
  try {
    const by = { userId: 'flo-fletcher', role: 'liaison' } as const;
    // The rows' owner is in the directory of people before the import, as the liaison officer adds them (not timed).
    await new PeopleDirectory(store, clock).add({ ...OWNER, email: null, roles: ['owner'], portfolio: 'Investigations' }, { actor: by });
    const started = process.hrtime.bigint();
    const report = await importer.import({ name, bytes }, { by });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const againStarted = process.hrtime.bigint();
    const again = await importer.import({ name, bytes }, { by });
    const againSeconds = Number(process.hrtime.bigint() - againStarted) / 1e9;
    console.log(
      `${name.padEnd(14)} ${(bytes.length / 1024 / 1024).toFixed(1).padStart(5)} MB  ${report.imported} items, ${report.eventsWritten} events in ${seconds.toFixed(1)} s: ` +
        `${Math.round(report.imported / seconds)} rows/s, ${Math.round(report.eventsWritten / seconds)} events/s; ` +
        `the same file again: ${again.eventsWritten} events written, ${againSeconds.toFixed(1)} s`,
    );
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'hmicfrs-bench-import-'));
  console.log(`Import benchmark: ${ROWS} rows, statuses from open to hmicfrs_verified; files in ${root}\n`);
  try {
    const rows = registerRows(ROWS);
    await timedImport(root, 'register.csv', asCsv(rows));
    await timedImport(root, 'register.xlsx', await asXlsx(rows));
    console.log(`\nThe largest import, ${LARGEST_ROWS} rows over HTTP (the API in this process; /health every 20 ms):`);
    const largest = registerRows(LARGEST_ROWS);
    await largestImport(
      [
        { name: 'largest.csv', bytes: asCsv(largest), type: 'text/csv' },
        { name: 'largest.xlsx', bytes: await asXlsx(largest), type: XLSX },
      ],
      OWNER,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
