import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor, Role } from '@hmicfrs/auth';
import type { Clock } from '@hmicfrs/clock';
import type { EventStore } from '@hmicfrs/event-store';
import { personId, type Person } from '@hmicfrs/lifecycle';
import { PeopleDirectory } from '@hmicfrs/workflow';

/**
 * The people a test uses, added to the directory as the force's liaison officer would add them (every
 * owner must be in it: docs/architecture.md, "People"). The demo's people (apps/cli/demo/people.json) by
 * their names; anyone else a test names is added under their id, as an owner unless it says otherwise.
 */
const DEMO_PEOPLE = JSON.parse(readFileSync(join(__dirname, '../../apps/cli/demo/people.json'), 'utf8')) as Person[];

/** The liaison officer who adds everyone (the demo's). */
export const LIAISON: Actor = { userId: 'flo-fletcher', role: 'liaison' };

/** Who a test names: a demo person's id, a bare id (an owner, named by their id) or a whole person. */
export type TestPerson = string | (Partial<Person> & { id: string });

export function testPerson(who: TestPerson, roles: Role[] = ['owner']): Person {
  const given = typeof who === 'string' ? { id: who } : who;
  const demo = DEMO_PEOPLE.find((person) => person.id === personId(given.id));
  return { name: given.id, email: null, roles, portfolio: null, ...demo, ...given };
}

/** Adds them through the directory (the same command pipeline as every write); someone already there is left as they are. */
export async function addPeople(directory: PeopleDirectory, people: readonly TestPerson[]): Promise<void> {
  for (const who of people) {
    const person = testPerson(who);
    if ((await directory.person(person.id)) !== undefined) continue;
    await directory.add(person, { actor: LIAISON });
  }
}

/** For a test that works on a store below the API: its directory, with the people added. */
export async function addPeopleTo(store: EventStore, people: readonly TestPerson[], clock: Clock = () => new Date()): Promise<void> {
  await addPeople(new PeopleDirectory(store, clock), people);
}
