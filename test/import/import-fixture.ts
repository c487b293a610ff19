import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@hmicfrs/event-store';
import type { Actor } from '@hmicfrs/auth';
import { RegisterImporter, type ImportOptions, type ImportReport, type RegisterFile } from '@hmicfrs/import';
import { RecommendationWorkflow } from '@hmicfrs/workflow';
import { addPeopleTo, LIAISON } from '../support/people';

/** The liaison officer who runs the tests' imports (the one who adds the test's people). */
export { LIAISON };

export const HEADER = [
  'inspection_id',
  'inspection_title',
  'inspection_type',
  'published_on',
  'kind',
  'reference',
  'text',
  'level',
  'addressee',
  'portfolio',
  'owner',
  'rag',
  'due_date',
  'status',
  'status_date',
  'progress_note',
];

export type Row = Record<string, string>;

/** A good row; tests change the cells they are about. */
export function row(overrides: Row = {}): Row {
  return {
    inspection_id: 'vmm-2022',
    inspection_title: 'An inspection of vetting, misconduct, and misogyny in the police service',
    inspection_type: 'thematic',
    published_on: '2022-11-02',
    kind: 'recommendation',
    reference: '34',
    text: 'By 30 April 2023, chief constables should make sure that their counter-corruption units actively seek corruption-related intelligence as a matter of routine.',
    level: '2',
    addressee: 'Chief constables',
    portfolio: 'Professional Standards',
    owner: 'ch-insp-jones',
    rag: 'green',
    due_date: '2023-04-30',
    status: 'rag_rated',
    status_date: '2022-12-01',
    progress_note: '',
    ...overrides,
  };
}

export function csv(rows: Row[], header: string[] = HEADER): Buffer {
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return Buffer.from(
    [header, ...rows.map((r) => header.map((column) => r[column] ?? ''))].map((cells) => cells.map(quote).join(',')).join('\n'),
  );
}

export interface ImportFixture {
  store: SqliteEventStore;
  workflow: RecommendationWorkflow;
  /** The importer as the liaison officer `liaison` runs it, unless the options say who. */
  importer: { import(file: RegisterFile, options?: Partial<ImportOptions>): Promise<ImportReport> };
  liaison: Actor;
  /** The store's last global position: unchanged means nothing was written. */
  position(): Promise<bigint | null>;
  /** The position once the owners were in the directory, before any import: still there means an import wrote nothing. */
  start: bigint | null;
  close(): Promise<void>;
}

/** The demo's owners, whom the sample rows and the demo register name: in the directory before any import. */
export const OWNERS = ['supt-patel', 'ch-insp-jones'];

export async function importFixture(maxBytes?: number): Promise<ImportFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'hmicfrs-import-'));
  const store = SqliteEventStore.open(join(dir, 'events.db'));
  const clock = () => new Date();
  await addPeopleTo(store, OWNERS, clock);
  const start = (await store.health()).position;
  const workflow = new RecommendationWorkflow(store, clock);
  const importer = new RegisterImporter(workflow, store, clock, maxBytes);
  return {
    store,
    workflow,
    importer: { import: (file, options = {}) => importer.import(file, { by: LIAISON, ...options }) },
    liaison: LIAISON,
    position: async () => (await store.health()).position,
    start,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
