import type { Role } from './commands';
import { refuse, type Decision } from './decision';
import { EventDoesNotFit } from './errors';
import { isNotAPerson, notAPerson, personId } from './people';
import { upcast, type StoredEvent } from './upcast';

/**
 * A person in the force's directory (docs/architecture.md, "People"): whom an item can belong to,
 * whose name the pages show. Added by the liaison officer, or by the person's first sign-in through
 * the force's provider (from its claims).
 */
export interface Person {
  /** Normalised once (`personId`): the id they sign in with and every event names them by. */
  id: string;
  name: string;
  email: string | null;
  /** The roles they act in here; the provider's claim decides the role of each sign-in. */
  roles: Role[];
  /** What they lead, as the committee papers name it ("Public protection"). */
  portfolio: string | null;
}

interface Fact<Type extends string, Data> {
  type: Type;
  data: Data;
}

/** `source` says who brought them in: the liaison officer (`directory`) or their own first sign-in (`sign-in`). */
export type PersonAdded = Fact<'PersonAdded', Person & { source: 'directory' | 'sign-in' }>;

export type PersonEvent = PersonAdded;

export type AddPerson = { type: 'ADD_PERSON'; source: 'directory' | 'sign-in' } & Person;

export type PersonCommand = AddPerson;

/** A person is added once; their id is their stream's. */
export function decidePerson(state: Person | undefined, command: PersonCommand): Decision<PersonEvent> {
  if (state !== undefined) {
    return refuse({ code: 'already_exists', message: `${state.name} (${state.id}) is already in the directory` });
  }
  if (isNotAPerson(command.id)) return refuse({ code: 'invalid', field: 'id', message: notAPerson(command.id) });
  const name = command.name.trim();
  if (name === '') return refuse({ code: 'invalid', field: 'name', message: 'A person needs a name' });
  const roles = [...new Set(command.roles)];
  const data: PersonAdded['data'] = {
    id: personId(command.id),
    name,
    email: command.email?.trim().toLowerCase() || null,
    roles,
    portfolio: command.portfolio?.trim() || null,
    source: command.source,
  };
  return { ok: true, events: [{ type: 'PersonAdded', data }] };
}

/** The person after a fact of theirs: `PersonAdded` is their first and, for now, only one. */
export function evolvePerson(_state: Person | undefined, event: PersonEvent): Person {
  const { id, name, email, roles, portfolio } = event.data;
  return { id, name, email, roles, portfolio };
}

export function replayPerson(stream: Iterable<StoredEvent>): Person | undefined {
  let person: Person | undefined;
  let index = 0;
  for (const stored of stream) {
    const event = upcast(stored);
    if (event.type !== 'PersonAdded' || person !== undefined) throw new EventDoesNotFit(event.type, 'a person', index);
    person = evolvePerson(person, event);
    index += 1;
  }
  return person;
}
