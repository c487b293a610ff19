import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isRole, type Actor, type Role } from '@hmicfrs/auth';
import { isNotAPerson, notAPerson } from '@hmicfrs/lifecycle';
import { InvalidConfiguration, localSignInIsOn, type AppConfig } from '@hmicfrs/config';

/** Someone who may sign in by choosing their name, when local sign-in is on. */
export interface LocalUser extends Actor {
  name: string;
  /** What they do, shown beside their name on the sign-in page. */
  job?: string;
}

export const LOCAL_USERS = Symbol('LOCAL_USERS');

/** The users file could not be read or is not a list of users: start-up is refused, saying what is wrong. */
export class InvalidUsersFile extends InvalidConfiguration {
  constructor(file: string, reason: string) {
    super([`The users file ${file} ${reason}`]);
    this.name = 'InvalidUsersFile';
  }
}

/** One of each role, so a local run can walk an item from receipt to HMICFRS sign-off. */
export const DEMO_USERS: readonly LocalUser[] = [
  { userId: 'flo-fletcher', role: 'liaison', name: 'Flo Fletcher', job: 'Force liaison officer' },
  { userId: 'supt-patel', role: 'owner', name: 'Supt Asha Patel', job: 'Public protection lead' },
  { userId: 'ch-insp-jones', role: 'owner', name: 'Ch Insp Gareth Jones', job: 'Investigations lead' },
  { userId: 'dcc-green', role: 'dcc', name: 'DCC Matthew Green', job: 'Deputy Chief Constable' },
  { userId: 'hmi-cooper', role: 'hmicfrs', name: 'Sam Cooper', job: 'HMICFRS force liaison lead' },
  { userId: 'audit-khan', role: 'auditor', name: 'Priya Khan', job: 'Internal audit' },
];

const USER_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

/**
 * The users offered on the sign-in page, or `null` when local sign-in is off (JWT_SECRET is set: a
 * real deployment signs people in with tokens from its identity provider). Without USERS_FILE the
 * demo users are written to DATA_DIR/users.json once, for the operator to edit.
 */
export function localUsers(config: AppConfig, warn: (message: string) => void): LocalUser[] | null {
  if (!localSignInIsOn(config)) return null;
  const file = config.USERS_FILE ?? join(config.DATA_DIR, 'users.json');
  if (config.USERS_FILE === undefined && !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(DEMO_USERS.map(toJson), null, 2)}\n`, { mode: 0o600 });
  }
  const users = parseUsers(file);
  warn(
    `LOCAL SIGN-IN IS ON (JWT_SECRET is not set): anyone who can reach the web pages can sign in as any of the ` +
      `${users.length} users in ${file}, without a password. Fine for a local run; set JWT_SECRET for any shared deployment.`,
  );
  return users;
}

function parseUsers(file: string): LocalUser[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InvalidUsersFile(file, `cannot be read as JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw new InvalidUsersFile(file, 'must be a non-empty JSON list of users');
  const users = parsed.map((entry, index) => parseUser(file, entry, index));
  const ids = users.map((user) => user.userId);
  const twice = ids.find((id, index) => ids.indexOf(id) !== index);
  if (twice) throw new InvalidUsersFile(file, `names the user ${twice} twice`);
  return users;
}

function parseUser(file: string, entry: unknown, index: number): LocalUser {
  const { id, name, role, job } = (entry ?? {}) as Record<string, unknown>;
  const where = `entry ${index + 1}`;
  if (typeof id !== 'string' || !USER_ID.test(id))
    throw new InvalidUsersFile(file, `${where}: "id" must be 1–100 letters, digits or _ . : -`);
  // The users file is a local run's provider: it may name nobody the provider could not (`readToken`, `OidcProvider`).
  if (isNotAPerson(id)) throw new InvalidUsersFile(file, `${where}: "id" ${notAPerson(id)}`);
  if (typeof name !== 'string' || name.trim() === '') throw new InvalidUsersFile(file, `${where}: "name" must be a non-empty string`);
  if (!isRole(role)) throw new InvalidUsersFile(file, `${where}: "role" must be one of owner, liaison, dcc, hmicfrs, auditor`);
  if (job !== undefined && typeof job !== 'string') throw new InvalidUsersFile(file, `${where}: "job" must be a string`);
  return { userId: id, role: role as Role, name, ...(job === undefined ? {} : { job }) };
}

function toJson(user: LocalUser): object {
  return { id: user.userId, name: user.name, role: user.role, job: user.job };
}
