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

/** The JAC report's files: JSON (as the API answers it), Markdown, HTML, CSV and the Word paper. */
export type JacFileFormat = 'json' | 'md' | 'html' | 'csv' | 'docx';

/** A heavy read, as a worker thread is handed it: plain data, nothing that needs this thread. */
export type ReadTask = RegisterExportTask | JacReportTask | JacFileTask;

export interface RegisterExportTask {
  kind: 'register-export';
  filter: RegisterFilter;
  format: ExportFormat;
  today: IsoDate;
}

/** The report itself, for a page to draw. */
export interface JacReportTask {
  kind: 'jac-report';
  inputs: JacInputs;
}

/** The report as a file, and nothing else: only the file's bytes come back to the request thread. */
export interface JacFileTask {
  kind: 'jac-file';
  inputs: JacInputs;
  format: JacFileFormat;
  contact?: ContactOfficer;
}

export interface RegisterFile {
  bytes: Uint8Array;
  fileName: string;
  rows: number;
}

/** One heavy read over a read-model connection: the same code whichever thread runs it, so the same bytes. */
export function runReadTask(database: ReadModelDatabase, task: RegisterExportTask): Promise<RegisterFile>;
export function runReadTask(database: ReadModelDatabase, task: JacReportTask): Promise<JacReport>;
export function runReadTask(database: ReadModelDatabase, task: JacFileTask): Promise<string | Uint8Array>;
export function runReadTask(database: ReadModelDatabase, task: ReadTask): Promise<RegisterFile | JacReport | string | Uint8Array>;
export async function runReadTask(database: ReadModelDatabase, task: ReadTask): Promise<RegisterFile | JacReport | string | Uint8Array> {
  if (task.kind === 'register-export') return exportRegister(new RegisterQueries(database), task.filter, task.format, task.today);
  const report = new JacReportReader(database).read(task.inputs);
  return task.kind === 'jac-report' ? report : jacFile(database, report, task.format, task.contact);
}

function jacFile(
  database: ReadModelDatabase,
  report: JacReport,
  format: JacFileFormat,
  contact?: ContactOfficer,
): string | Promise<Buffer> {
  // As Fastify would serialise the object: the same bytes, without the request thread doing it.
  if (format === 'json') return JSON.stringify(report);
  if (format === 'md') return jacMarkdown(report);
  if (format === 'html') return jacHtml(report);
  if (format === 'csv') return jacCsv(report);
  // Names from the directory, as every paper gives them; an id nobody added stands for itself.
  const people = new PeopleQueries(database);
  return jacDocx(report, { nameOf: (userId) => people.nameOf(userId) ?? userId, ...(contact ? { contact } : {}) });
}
