import type { IsoDate } from '@hmicfrs/lifecycle';
import {
  JacReportReader,
  PeopleQueries,
  RegisterQueries,
  jacCsv,
  jacDocx,
  jacHtml,
  jacMarkdown,
  type ContactOfficer,
  type JacInputs,
  type JacReport,
  type ReadModelDatabase,
  type RegisterFilter,
} from '@hmicfrs/projections';
import { exportRegister, type ExportFormat } from '../register-export';

/** The JAC report's files: Markdown, HTML, CSV and the Word paper. */
export type JacFileFormat = 'md' | 'html' | 'csv' | 'docx';

/** A heavy read, as a worker thread is handed it: plain data, nothing that needs this thread. */
export type ReadTask = RegisterExportTask | JacTask;

export interface RegisterExportTask {
  kind: 'register-export';
  filter: RegisterFilter;
  format: ExportFormat;
  today: IsoDate;
}

export interface JacTask {
  kind: 'jac-report';
  inputs: JacInputs;
  file?: JacFileFormat;
  contact?: ContactOfficer;
}

export interface RegisterFile {
  bytes: Uint8Array;
  fileName: string;
  rows: number;
}

export interface JacResult {
  report: JacReport;
  /** The report as the file asked for; null when only the report was. */
  file: string | Uint8Array | null;
}

/** One heavy read over a read-model connection: the same code whichever thread runs it, so the same bytes. */
export function runReadTask(database: ReadModelDatabase, task: RegisterExportTask): Promise<RegisterFile>;
export function runReadTask(database: ReadModelDatabase, task: JacTask): Promise<JacResult>;
export function runReadTask(database: ReadModelDatabase, task: ReadTask): Promise<RegisterFile | JacResult>;
export async function runReadTask(database: ReadModelDatabase, task: ReadTask): Promise<RegisterFile | JacResult> {
  if (task.kind === 'register-export') return exportRegister(new RegisterQueries(database), task.filter, task.format, task.today);
  const report = new JacReportReader(database).read(task.inputs);
  return { report, file: task.file === undefined ? null : await jacFile(database, report, task.file, task.contact) };
}

function jacFile(
  database: ReadModelDatabase,
  report: JacReport,
  format: JacFileFormat,
  contact?: ContactOfficer,
): string | Promise<Buffer> {
  if (format === 'md') return jacMarkdown(report);
  if (format === 'html') return jacHtml(report);
  if (format === 'csv') return jacCsv(report);
  // Names from the directory, as every paper gives them; an id nobody added stands for itself.
  const people = new PeopleQueries(database);
  return jacDocx(report, { nameOf: (userId) => people.nameOf(userId) ?? userId, ...(contact ? { contact } : {}) });
}
