import { AccessDenied, permits, type Actor } from '@hmicfrs/auth';
import { decidePerson, personId, type AddPerson, type Person } from '@hmicfrs/lifecycle';
import type { PeopleDirectory } from '@hmicfrs/workflow';
import { breathe } from '../breathe';
import { sha256Of } from '../file-hash';
import { FileTooLarge, NotARegisterFile } from '../errors';
import { inParallel } from '../in-parallel';
import { DEFAULT_IMPORT_LIMITS, MAX_PROBLEMS_LISTED, type ImportLimits } from '../import-limits';
import { readRegisterFile } from '../read-register-file';
import type { RegisterTable } from '../register-table';
import type { RegisterFile } from '../register-importer';
import type { RowProblem } from '../register-row';
import { NotAPeopleFile, PeopleImportRejected } from './people-import-rejected';
import type { PeopleImportReport } from './people-import-report';
import { peopleColumns, readPersonRow } from './people-row';

/** Each person is their own stream: several written at once share the store's fsync, as the register import's rows do. */
const PEOPLE_AT_ONCE = 16;

/** A force's directory is a few thousand people, far under a megabyte: a larger file is not a directory. */
export const MAX_PEOPLE_FILE_BYTES = 2 * 1024 * 1024;

interface PlannedPerson {
  row: number;
  person: Person;
}

/**
 * Brings a CSV of people (id, name, email, roles, portfolio) into the directory through the same
 * PeopleDirectory, and so the same `decidePerson` rule, as the people page and `POST /people`. Every row
 * is checked before the first is written, and one bad row writes nothing. Someone already in the
 * directory with the same details is left as they are, so the same file twice writes nothing; with
 * other details it is a problem naming the row. Every PersonAdded names the liaison officer who ran it.
 */
export class PeopleImporter {
  constructor(
    private readonly directory: PeopleDirectory,
    private readonly maxBytes = MAX_PEOPLE_FILE_BYTES,
    private readonly limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
  ) {}

  async import(file: RegisterFile, options: { by: Actor; dryRun?: boolean }): Promise<PeopleImportReport> {
    const permission = permits(options.by, 'people.add');
    if (!permission.allowed) throw new AccessDenied(permission.reason);
    if (file.bytes.length > this.maxBytes) throw new FileTooLarge(file.bytes.length, this.maxBytes);
    const sha256 = await sha256Of(file.bytes);
    const importId = sha256.slice(0, 16);
    const table = await this.read(file.bytes);

    const problems: RowProblem[] = [];
    const planned: PlannedPerson[] = [];
    const alreadyIn: string[] = [];
    const columns = peopleColumns(table.header);
    const rows = table.rows.filter((row) => row.values.some((value) => value !== ''));
    if ('problems' in columns) problems.push(...columns.problems);
    else {
      /** Each id as this file has it so far: the directory's person, or an earlier row's. */
      const seen = new Map<string, { row?: number; person: Person }>();
      for (const tableRow of rows) {
        await breathe();
        const read = readPersonRow(tableRow, columns.at);
        if ('problems' in read) {
          problems.push(...read.problems);
          continue;
        }
        const id = personId(read.person.id);
        const command: AddPerson = { type: 'ADD_PERSON', source: 'directory', ...read.person, id };
        const decision = decidePerson(undefined, command);
        if (!decision.ok) {
          const field = decision.refusal.code === 'invalid' ? (decision.refusal.field ?? null) : null;
          problems.push({ row: tableRow.row, column: field, reason: decision.refusal.message });
          continue;
        }
        const { source: _source, ...person } = decision.events[0].data;
        const known = seen.get(id) ?? (await this.inDirectory(id));
        if (known === undefined) {
          seen.set(id, { row: tableRow.row, person });
          planned.push({ row: tableRow.row, person });
        } else if (!sameDetails(known.person, person)) {
          const where = known.row === undefined ? 'is already in the directory' : `is already on row ${known.row} of this file`;
          problems.push({ row: tableRow.row, column: 'id', reason: `${known.person.name} (${id}) ${where}, with other details` });
        } else if (known.row === undefined) alreadyIn.push(id);
      }
    }
    problems.sort((a, b) => a.row - b.row);

    const report: PeopleImportReport = {
      importId,
      fileName: file.name,
      sha256,
      dryRun: options.dryRun ?? false,
      rows: rows.length,
      added: planned.map(({ person }) => person.id),
      alreadyInDirectory: alreadyIn,
      problems: problems.slice(0, MAX_PROBLEMS_LISTED),
      problemCount: problems.length,
      eventsWritten: 0,
    };
    if (problems.length > 0) throw new PeopleImportRejected(report);
    if (report.dryRun) return report;
    await inParallel(planned, PEOPLE_AT_ONCE, async ({ row, person }) => {
      // Keyed by the file and the person: a retry of this same file after a crash writes each person once.
      await this.directory.add(person, {
        actor: options.by,
        idempotencyKey: `${importId}:person:${person.id}`,
        extra: { importId, fileName: file.name, row },
      });
      report.eventsWritten += 1;
    });
    return report;
  }

  /** Read as a register is (bounded, streamed), but a people file is CSV only, and said to be one. */
  private async read(bytes: Buffer): Promise<RegisterTable> {
    try {
      const table = await readRegisterFile(bytes, this.limits);
      if (table.format !== 'csv') throw new NotAPeopleFile('it is an Excel workbook');
      return table;
    } catch (error) {
      if (error instanceof NotARegisterFile) throw new NotAPeopleFile(error.reason);
      throw error;
    }
  }

  private async inDirectory(id: string): Promise<{ row?: number; person: Person } | undefined> {
    const person = await this.directory.person(id);
    return person === undefined ? undefined : { person };
  }
}

/** The same person with the same details, roles in any order: a row that says nothing new. */
function sameDetails(a: Person, b: Person): boolean {
  const roles = (person: Person) => [...person.roles].sort().join();
  return a.name === b.name && a.email === b.email && a.portfolio === b.portfolio && roles(a) === roles(b);
}
