import { decidePerson, replayPerson, type AddPerson } from './person';
import { personStream } from './streams';

const asha: AddPerson = {
  type: 'ADD_PERSON',
  source: 'directory',
  id: '  Asha.Patel@Force.Police.UK ',
  name: ' Supt Asha Patel ',
  email: 'Asha.Patel@Force.Police.UK',
  roles: ['owner', 'owner'],
  portfolio: 'Public protection',
};

describe('the directory of people', () => {
  it('given nobody under the id, when the liaison officer adds a person, then they are recorded once, id and e-mail normalised', () => {
    const decision = decidePerson(undefined, asha);
    expect(decision).toEqual({
      ok: true,
      events: [
        {
          type: 'PersonAdded',
          data: {
            id: 'asha.patel@force.police.uk',
            name: 'Supt Asha Patel',
            email: 'asha.patel@force.police.uk',
            roles: ['owner'],
            portfolio: 'Public protection',
            source: 'directory',
          },
        },
      ],
    });
  });

  it('given the person is in the directory, when they are added again, then it is refused naming them', () => {
    const added = decidePerson(undefined, asha);
    if (!added.ok) throw new Error('not added');
    const person = replayPerson(added.events.map((event) => ({ ...event, metadata: { schemaVersion: 1 } })));
    expect(decidePerson(person, asha)).toEqual({
      ok: false,
      refusal: { code: 'already_exists', message: 'Supt Asha Patel (asha.patel@force.police.uk) is already in the directory' },
    });
  });

  it('given a name of spaces, when it is added, then it is refused as invalid', () => {
    expect(decidePerson(undefined, { ...asha, name: '   ' })).toMatchObject({ ok: false, refusal: { code: 'invalid' } });
  });

  it.each(['system:reminders', ' System:Reminders ', 'import:abc', 'IMPORT:abc:dcc'])(
    'given the id %j of a part of the system, when it is added, then it is refused on the id: nobody may sign in or own items as the reminders or an import',
    (id) => {
      expect(decidePerson(undefined, { ...asha, id })).toEqual({
        ok: false,
        refusal: { code: 'invalid', field: 'id', message: `${id.trim().toLowerCase()} names a part of this system, not a person` },
      });
    },
  );

  it('names one stream per person whatever the case of the id', () => {
    expect(personStream('OWNER-A')).toBe(personStream('owner-a'));
  });
});
