import { Inject, Injectable, Optional } from '@nestjs/common';
import { AccessDenied, type Actor } from '@hmicfrs/auth';
import { CLOCK, type Clock } from '@hmicfrs/clock';
import { EVENT_STORE, type EventStore } from '@hmicfrs/event-store';
import {
  decidePerson,
  evolvePerson,
  personId,
  personStream,
  replayPerson,
  samePerson,
  type AddPerson,
  type Person,
  type PersonEvent,
} from '@hmicfrs/lifecycle';
import { CommandPipeline, type FoldedStreams } from './command-pipeline';
import type { CommandRequest } from './command-request';
import { allow, decided } from './decided';
import { UnknownPerson } from './errors';
import { WrittenPositions } from './written-positions';

/** What a sign-in through the provider knows of a person: its claims. */
export type SignedInClaims = Pick<Person, 'id' | 'name' | 'email' | 'roles'>;

/** A person is a few hundred bytes: the whole directory of a force fits. */
const RECENT_PEOPLE = 10_000;

/**
 * The directory of people (docs/architecture.md, "People"), one stream each (`person-<id>`), written
 * through the same command pipeline as items: the liaison officer adds people; a person's first
 * sign-in through the provider adds them from its claims.
 */
@Injectable()
export class PeopleDirectory {
  private readonly pipeline: CommandPipeline;
  private readonly people: FoldedStreams<Person>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) clock: Clock,
    @Optional() positions?: WrittenPositions,
  ) {
    this.pipeline = new CommandPipeline(store, clock, undefined, positions);
    this.people = this.pipeline.streams<Person>(
      { fold: (events) => replayPerson(events), evolve: (state, facts) => facts.reduce(evolvePersonFact, state) as Person },
      RECENT_PEOPLE,
    );
  }

  /** The liaison officer adds someone (a page, the API, a CSV file): `already_exists` if they are there. */
  async add(person: Person, request: CommandRequest): Promise<Person> {
    const command: AddPerson = { type: 'ADD_PERSON', source: 'directory', ...person, id: personId(person.id) };
    const written = await this.pipeline.handle(
      this.people,
      {
        stream: personStream(command.id),
        command,
        check: () => allow(request.actor, 'people.add'),
        decide: (state) => decided(decidePerson(state, command)),
      },
      request,
    );
    return written.state;
  }

  /**
   * The person who has just signed in through the provider, added from its claims the first time;
   * afterwards as the directory has them. Only they can be the actor: nobody signs in for another.
   */
  async signedIn(claims: SignedInClaims, actor: Actor): Promise<Person> {
    const known = await this.person(claims.id);
    if (known !== undefined) return known;
    const command: AddPerson = { type: 'ADD_PERSON', source: 'sign-in', portfolio: null, ...claims, id: personId(claims.id) };
    const written = await this.pipeline.handle(
      this.people,
      {
        stream: personStream(command.id),
        command,
        check: () => {
          if (!samePerson(actor.userId, command.id)) throw new AccessDenied(`${actor.userId} cannot sign in as ${command.id}`);
        },
        // Two first sign-ins at once (two tabs): the second finds the person the first added.
        decide: (state) => (state === undefined ? decided(decidePerson(state, command)) : []),
      },
      // Keyed by the person, so a retry of the same first sign-in writes once.
      { actor, commandId: `sign-in:${command.id}` },
    );
    return written.state;
  }

  /** The person under an id (any case), or undefined when the directory has nobody under it. */
  async person(id: string): Promise<Person | undefined> {
    return (await this.people.current(personStream(id)))?.state;
  }

  /** The person, or `UnknownPerson` naming the id (a 422): every person field of a command is one of these. */
  async known(id: string, field: string): Promise<Person> {
    const person = await this.person(id);
    if (person === undefined) throw new UnknownPerson(id, field);
    return person;
  }
}

function evolvePersonFact(state: Person | undefined, fact: unknown): Person {
  return evolvePerson(state, fact as PersonEvent);
}
