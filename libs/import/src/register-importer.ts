import { AccessDenied, permits, type Actor } from '@hmicfrs/auth';
import type { EventStore } from '@hmicfrs/event-store';
import { todayOf, type Clock } from '@hmicfrs/clock';
import { inspectionStream, personStream, recommendationStream } from '@hmicfrs/lifecycle';
import { RecommendationWorkflow, type CommandRequest } from '@hmicfrs/workflow';
import { breathe } from './breathe';
import { sha256Of } from './file-hash';
import { FileTooLarge, ImportRejected } from './errors';
import { DEFAULT_IMPORT_LIMITS, MAX_PROBLEMS_LISTED, type ImportLimits } from './import-limits';
import { importActors, importSteps, type ImportActors, type ImportStep } from './import-steps';
import { inParallel } from './in-parallel';
import type { ImportReport } from './import-report';
import { parseRegister } from './parse-register';
import { readRegisterFile } from './read-register-file';
import type { RegisterRow, RowProblem } from './register-row';
import { rehearse } from './rehearse';

/**
 * Items are separate streams, so several rows are written at once (each row's steps in order): the store
 * commits appends that arrive together with one fsync, which a row-at-a-time import would never give it.
 */
const ROWS_AT_ONCE = 16;

/** Large enough for a force's whole tracker many times over (5,000 rows are about 2 MB), small enough to hold in memory. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export interface RegisterFile {
  name: string;
  bytes: Buffer;
}

export interface ImportOptions {
  /**
   * The liaison officer who runs the import: recorded on every event it writes (`causedBy`), apart from
   * the stand-ins that act in each role. Held to the policy table (`imports.run`) like any other road.
   */
  by: Actor;
  /** Check everything, write nothing. */
  dryRun?: boolean;
  /** Import the good rows and report the bad ones; by default one bad row writes nothing at all. */
  skipInvalid?: boolean;
  /** Called after each row is written: rows done, rows to write. */
  onProgress?: (done: number, total: number) => void;
}

/** One run of an import: its id (from the file's hash), the file's name, and the liaison officer who ran it. */
interface ImportRun {
  importId: string;
  fileName: string;
  by: string;
}

interface PlannedRow {
  row: RegisterRow;
  steps: ImportStep[];
}

/**
 * Brings a register (CSV or XLSX, one row per item) into the event store through the same workflow
 * every user's command takes, so the lifecycle's rules hold for imported history too. Every row is
 * checked before the first is written; re-importing the same file writes nothing (each step's
 * idempotency key is the file's hash, the row and the step).
 */
export class RegisterImporter {
  constructor(
    private readonly workflow: RecommendationWorkflow,
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly maxBytes = MAX_IMPORT_BYTES,
    private readonly limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
  ) {}

  async import(file: RegisterFile, options: ImportOptions): Promise<ImportReport> {
    const permission = permits(options.by, 'imports.run');
    if (!permission.allowed) throw new AccessDenied(permission.reason);
    const by = options.by.userId;
    if (file.bytes.length > this.maxBytes) throw new FileTooLarge(file.bytes.length, this.maxBytes);
    const sha256 = await sha256Of(file.bytes);
    const importId = sha256.slice(0, 16);
    const actors = importActors(importId);
    const table = await readRegisterFile(file.bytes, this.limits);
    const parsed = await parseRegister(table, todayOf(this.clock));

    const problems: RowProblem[] = [...parsed.problems];
    const planned: PlannedRow[] = [];
    for (const row of parsed.rows) {
      await breathe();
      const steps = importSteps(row, { fileName: file.name, sha256 });
      const refusal = 'reason' in steps ? steps.reason : rehearse(row, steps, actors);
      if (refusal !== undefined) problems.push({ row: row.row, column: 'status', reason: refusal });
      else if (row.owner !== undefined && !(await this.store.streamExists(personStream(row.owner)))) {
        // Checked before anything is written, as every other problem is: the workflow would refuse the row half-way.
        problems.push({
          row: row.row,
          column: 'owner',
          reason: `there is nobody called ${row.owner} in the directory of people: add them first`,
        });
      } else planned.push({ row, steps: steps as ImportStep[] });
    }
    problems.sort((a, b) => a.row - b.row);

    const report: ImportReport = {
      importId,
      fileName: file.name,
      sha256,
      format: table.format,
      dryRun: options.dryRun ?? false,
      rows: parsed.rowCount,
      imported: 0,
      alreadyImported: 0,
      items: [],
      skipped: [],
      problems: problems.slice(0, MAX_PROBLEMS_LISTED),
      problemCount: problems.length,
      inspectionsRecorded: 0,
      eventsWritten: 0,
    };
    const { fresh, ours } = await this.againstTheRegister(planned, actors, report);
    if (problems.length > 0 && !options.skipInvalid) throw new ImportRejected(report);
    const toWrite = [...fresh, ...ours].sort((a, b) => a.row.row - b.row.row);
    report.items = toWrite.map(({ row }) => row.reference);
    if (report.dryRun) return { ...report, imported: fresh.length, alreadyImported: ours.length };

    await this.recordInspections(toWrite, actors, { importId, fileName: file.name, by }, report);
    let done = 0;
    await inParallel(toWrite, ROWS_AT_ONCE, async ({ row, steps }) => {
      const written = await this.writeRow(row, steps, actors, { importId, fileName: file.name, by });
      report.eventsWritten += written;
      if (written > 0) report.imported += 1;
      else report.alreadyImported += 1;
      done += 1;
      options.onProgress?.(done, toWrite.length);
    });
    return report;
  }

  /** Items already in the register are left alone, unless this same file put them there (a re-run finishes them). */
  private async againstTheRegister(planned: PlannedRow[], actors: ImportActors, report: ImportReport) {
    const fresh: PlannedRow[] = [];
    const ours: PlannedRow[] = [];
    for (const plan of planned) {
      await breathe();
      const [first] = await this.store.readStream(recommendationStream(plan.row.reference), { toRevision: 0 });
      if (first === undefined) fresh.push(plan);
      else if (first.metadata.userId === actors.liaison.userId) ours.push(plan);
      else {
        report.skipped.push({
          row: plan.row.row,
          reference: plan.row.reference,
          reason: `already in the register (opened by ${first.metadata.userId} on ${first.metadata.occurredAt.slice(0, 10)}); left as it is`,
        });
      }
    }
    return { fresh, ours };
  }

  /** Each report once, described by the first row that names it; a report already recorded is used as it is. */
  private async recordInspections(rows: PlannedRow[], actors: ImportActors, { importId, fileName, by }: ImportRun, report: ImportReport) {
    const first = new Map<string, RegisterRow>();
    for (const { row } of rows) if (!first.has(row.inspection.id)) first.set(row.inspection.id, row);
    for (const [id, row] of first) {
      if (await this.store.streamExists(inspectionStream(id))) continue;
      await this.workflow.recordInspectionReport(
        { type: 'RECORD_INSPECTION_REPORT', ...row.inspection },
        {
          actor: actors.liaison,
          causedBy: by,
          idempotencyKey: `${importId}:inspection:${id}`,
          occurredAt: `${row.inspection.publishedOn}T00:00:00.000Z`,
          extra: { importId, fileName, row: row.row },
        },
      );
      report.inspectionsRecorded += 1;
      report.eventsWritten += 1;
    }
  }

  /** The row's steps in order; a step this file already took answers from the store and writes nothing. */
  private async writeRow(
    row: RegisterRow,
    steps: ImportStep[],
    actors: ImportActors,
    { importId, fileName, by }: ImportRun,
  ): Promise<number> {
    let written = 0;
    for (const step of steps) {
      const request: CommandRequest = {
        actor: actors[step.as],
        causedBy: by,
        idempotencyKey: `${importId}:row-${row.row}:${step.name}`,
        occurredAt: step.occurredAt,
        extra: { importId, fileName, row: row.row },
      };
      const outcome =
        step.command.type === 'OPEN_RECOMMENDATION'
          ? await this.workflow.open(step.command, request)
          : await this.workflow.execute(row.reference, step.command, request);
      if (!outcome.replayed) written += outcome.recorded.length;
    }
    return written;
  }
}
