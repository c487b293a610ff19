import { Injectable } from '@nestjs/common';
import { personId, type Person, type Role } from '@hmicfrs/lifecycle';
import { ReadModelDatabase } from '../runtime/read-model-database';

/** A person as the directory lists them, with when and by whom they were added. */
export interface DirectoryEntry extends Person {
  source: 'directory' | 'sign-in';
  addedAt: string;
  addedBy: string;
}

type Row = {
  id: string;
  name: string;
  email: string | null;
  roles: string;
  portfolio: string | null;
  source: 'directory' | 'sign-in';
  added_at: string;
  added_by: string;
};

@Injectable()
export class PeopleQueries {
  constructor(private readonly database: ReadModelDatabase) {}

  /** Everyone, by name; with `role`, only those who act in it (the owners an item can be given). */
  people(filter: { role?: Role } = {}): DirectoryEntry[] {
    const rows = this.database.db.prepare('SELECT * FROM people ORDER BY name COLLATE NOCASE, id').all() as Row[];
    const people = rows.map(entryOf);
    return filter.role === undefined ? people : people.filter((person) => person.roles.includes(filter.role!));
  }

  /** The person under a (normalised) id, or undefined. */
  person(id: string): DirectoryEntry | undefined {
    const row = this.database.db.prepare('SELECT * FROM people WHERE id = ?').get(id) as Row | undefined;
    return row === undefined ? undefined : entryOf(row);
  }

  /** A person's name as the directory has it, whatever the id's spelling; undefined for someone not in it. */
  nameOf(userId: string): string | undefined {
    return this.person(personId(userId))?.name;
  }
}

function entryOf(row: Row): DirectoryEntry {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    roles: JSON.parse(row.roles) as Role[],
    portfolio: row.portfolio,
    source: row.source,
    addedAt: row.added_at,
    addedBy: row.added_by,
  };
}
