import { EventStoreError, EventStoreUnavailable } from '../errors';

/**
 * SQLite failures that mean the store cannot do its job, whatever the caller asked, with what each
 * tells whoever runs the service. Extended codes (SQLITE_IOERR_FSYNC, …) fall under their family.
 */
const UNAVAILABLE: ReadonlyArray<readonly [family: string, meaning: string]> = [
  ['SQLITE_CORRUPT', 'the file is corrupt'],
  ['SQLITE_NOTADB', 'the file is not an SQLite database'],
  ['SQLITE_CANTOPEN', 'the file cannot be opened'],
  ['SQLITE_READONLY', 'the file cannot be written'],
  ['SQLITE_PERM', 'permission to the file was denied'],
  ['SQLITE_FULL', 'the disk is full'],
  ['SQLITE_IOERR', 'the disk reported an I/O error'],
  ['SQLITE_BUSY', 'another connection held the file locked for longer than the busy timeout'],
  ['SQLITE_LOCKED', 'the file is locked'],
  ['SQLITE_PROTOCOL', 'the file locking protocol failed'],
  ['SQLITE_NOLFS', 'the file is too large for this system'],
];

/**
 * better-sqlite3's SqliteError, recognised by its code rather than by `instanceof`: jest gives each test
 * file its own module registry and globals, while the native addon keeps the class of the file that loaded it first.
 */
function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The store's own typed error for what SQLite threw; anything that is not about the file is a bug and passes through. */
export function storeErrorFrom(error: unknown, file: string): unknown {
  const code = sqliteCode(error);
  if (error instanceof EventStoreError || code === undefined) return error;
  const family = UNAVAILABLE.find(([prefix]) => code === prefix || code.startsWith(`${prefix}_`));
  if (!family) return error;
  return new EventStoreUnavailable(`${file}: ${family[1]} (${code}: ${(error as Error).message})`, { cause: error });
}
