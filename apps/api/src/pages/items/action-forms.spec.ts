import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { replay, schemaVersions, type Item, type Rag, type RecommendationEvent } from '@hmicfrs/lifecycle';
import { COMMAND_ENTRIES } from '../../commands/lifecycle-commands';
import { ACTION_FORMS } from './action-forms';

const form = (verb: string) => ACTION_FORMS.get(verb)!;

describe("action forms, made from the commands' entries", () => {
  it.each(COMMAND_ENTRIES.map((entry) => [entry.verb, entry]))('%s: every field is a property its body takes', (_, entry) => {
    const values = Object.fromEntries(entry.form.fields().map((field) => [field.name, undefined]));
    const failures = validateSync(plainToInstance(entry.body, values), { whitelist: true, forbidNonWhitelisted: true });
    expect(failures.filter((failure) => 'whitelistValidation' in (failure.constraints ?? {}))).toEqual([]);
  });

  it('reads what the inputs say as the body has it: a number, a ticked box, a date', () => {
    expect(form('level').read({ level: '3', reason: ' Force moved ' })).toEqual({
      command: { type: 'CHANGE_LEVEL', level: 3, reason: 'Force moved' },
    });
    expect(
      form('evidence').read({ title: 'Letter', location: "Chief officers' file", description: 'Signed', isChiefConstableLetter: 'yes' }),
    ).toEqual({
      command: {
        type: 'ATTACH_EVIDENCE',
        title: 'Letter',
        evidenceId: expect.stringMatching(/^ref-[0-9a-f]{16}$/),
        isChiefConstableLetter: true,
        heldElsewhere: { location: "Chief officers' file", description: 'Signed' },
      },
    });
    expect(form('due-date').read({ 'dueDate-day': '31', 'dueDate-month': '3', 'dueDate-year': '2025', reason: 'Slipped' })).toEqual({
      command: { type: 'CHANGE_DUE_DATE', dueDate: '2025-03-31', reason: 'Slipped' },
    });
    expect(form('approve').read({})).toEqual({ command: { type: 'APPROVE' } });
    expect(form('approve').read({ comment: 'Complete' })).toEqual({ command: { type: 'APPROVE', comment: 'Complete' } });
    expect(form('verify').read({ inspectionActivityId: 'soc-revisit' })).toEqual({
      command: { type: 'VERIFY', inspection: { activityId: 'soc-revisit' } },
    });
    expect(form('verify').read({ inspectionActivityId: 'another', inspectionName: 'PEEL 2025' })).toEqual({
      command: { type: 'VERIFY', inspection: { named: 'PEEL 2025' } },
    });
    expect(form('verify').read({ inspectionActivityId: 'another' })).toEqual({
      errors: [
        { field: 'inspectionActivityId', text: 'Choose the inspection at which HMICFRS verified it, or name another' },
        { field: 'inspectionName', text: 'Name the inspection (at most 300 characters), or choose one recorded' },
      ],
    });
  });

  it("names the fields that are wrong in the page's words, a date by its day", () => {
    expect(form('due-date').read({ 'dueDate-day': '30', 'dueDate-month': '2', 'dueDate-year': '2025', reason: '' })).toEqual({
      // Left blank, the reason is absent: the lifecycle asks for one only where the item already has a due date.
      errors: [{ field: 'dueDate-day', text: 'Enter the new due date as a real date' }],
    });
    expect(form('level').read({ reason: 'x' })).toEqual({ errors: [{ field: 'level', text: 'Select the new level' }] });
    expect(form('remove-evidence').read({})).toEqual({ errors: [{ field: 'evidenceId', text: 'Select the document to remove' }] });
  });

  it("reads the approve page's tick box into the body's confirmRating, ticked or not, where the page shows it", () => {
    const rated = (rag: Rag): Item => {
      const events: RecommendationEvent[] = [
        {
          type: 'RecommendationOpened',
          data: {
            id: 'S-1',
            reference: 'S-1',
            kind: 'recommendation',
            inspectionId: 'i',
            text: 't',
            level: 3,
            addressee: 'a',
            portfolio: 'p',
          },
        },
        { type: 'RagRated', data: { rag } },
      ];
      return replay(events.map(({ type, data }) => ({ type, data, metadata: { schemaVersion: schemaVersions[type] } })))!.context;
    };
    expect(form('approve').read({ confirmRating: 'yes' }, rated('amber'))).toEqual({ command: { type: 'APPROVE', confirmRating: true } });
    // Left unticked, the lifecycle refuses it (and the page says so at the box).
    expect(form('approve').read({}, rated('red'))).toEqual({ command: { type: 'APPROVE', confirmRating: false } });
    expect(form('approve').read({ confirmRating: 'yes' }, rated('green'))).toEqual({ command: { type: 'APPROVE' } });
  });
});
