import { extname, join } from 'node:path';
import type { Piscina } from 'piscina';
import type { IsoDate } from '@hmicfrs/lifecycle';
import {
  threadPool,
  type ContactOfficer,
  type JacInputs,
  type JacReport,
  type JacReportService,
  type JacRequest,
  type ReadModelDatabase,
  type RegisterFilter,
} from '@hmicfrs/projections';
import type { ExportFormat } from '../register-export';
import {
  runReadTask,
  type JacFileFormat,
  type JacFileTask,
  type JacReportTask,
  type ReadTask,
  type RegisterExportTask,
  type RegisterFile,
} from './read-task';
import type { ReadWorkerData } from './read-worker';

/** A thread with nothing to do for this long ends; the next heavy read starts one again. */
const IDLE_MS = 10 * 60_000;

/**
 * Heavy reads off the request thread (docs/architecture.md, "Heavy reads off the request thread"): the
 * register's export and the JAC report in every format are drawn up in worker threads, each on its own
 * read-only connection to the read models, while the request thread goes on answering commands.
 * With no threads (`READ_WORKERS=0`) the same code runs on the request thread.
 *
 * Reading your own writes holds: a request's `Min-Position` and the report's wait for the register are
 * awaited here before the task is handed over, and a worker's read begins after that, so it sees every
 * commit the request thread saw (WAL: a read sees all that was committed when it began).
 */
export class ReadWorkers {
  private readonly pool: Piscina | null;

  constructor(
    private readonly database: ReadModelDatabase,
    private readonly jac: JacReportService,
    threads: number,
  ) {
    this.pool =
      threads === 0
        ? null
        : threadPool({
            script: join(__dirname, `read-worker${extname(__filename)}`),
            threads,
            idleMs: IDLE_MS,
            workerData: { file: database.file } satisfies ReadWorkerData,
          });
  }

  /** The register, filtered, as a CSV or XLSX file. */
  async registerExport(
    filter: RegisterFilter,
    format: ExportFormat,
    today: IsoDate,
  ): Promise<{ bytes: Buffer; fileName: string; rows: number }> {
    const file = await this.run({ kind: 'register-export', filter, format, today });
    return { ...file, bytes: asBuffer(file.bytes) };
  }

  /** The JAC report, for a page to draw. */
  async jacReport(request: JacRequest): Promise<JacReport> {
    return this.run({ kind: 'jac-report', inputs: await this.jac.inputs(request) });
  }

  /**
   * The JAC report as a file (the Word paper with `contact`, names from the directory), with what it was
   * drawn from (its period and seal, as the report has them); only the file crosses from the worker.
   */
  async jacFile(request: JacRequest, format: JacFileFormat, contact?: ContactOfficer): Promise<JacInputs & { file: string | Buffer }> {
    const inputs = await this.jac.inputs(request);
    const file = await this.run({ kind: 'jac-file', inputs, format, ...(contact ? { contact } : {}) });
    return { ...inputs, file: typeof file === 'string' ? file : asBuffer(file) };
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }

  private run(task: RegisterExportTask): Promise<RegisterFile>;
  private run(task: JacReportTask): Promise<JacReport>;
  private run(task: JacFileTask): Promise<string | Uint8Array>;
  private run(task: ReadTask): Promise<RegisterFile | JacReport | string | Uint8Array> {
    return this.pool ? (this.pool.run(task) as Promise<RegisterFile | JacReport | string | Uint8Array>) : runReadTask(this.database, task);
  }
}

/** A worker's bytes arrive as a plain Uint8Array: the same memory, as a Buffer. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
