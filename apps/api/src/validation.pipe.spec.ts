import 'reflect-metadata';
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import fc from 'fast-check';
import Fastify from 'fastify';
import { COMMAND_ENTRIES } from './commands/lifecycle-commands';
import { ItemIdParams } from './recommendations/dto/item-id.params';
import { OpenRecommendationDto } from './recommendations/dto/open-recommendation.dto';
import { RecordInspectionDto } from './recommendations/dto/record-inspection.dto';
import { CommandValidationPipe } from './validation.pipe';

/** What the pipe answers: the instance it makes (its class and own properties), or the refusal it throws. */
async function answer(pipe: ValidationPipe, value: unknown, metadata: ArgumentMetadata) {
  try {
    const made = (await pipe.transform(value, metadata)) as object;
    return { made: { ...made }, of: made?.constructor?.name };
  } catch (error) {
    return { refused: (error as { getResponse?: () => unknown }).getResponse?.() ?? String(error) };
  }
}

describe('the validation pipe', () => {
  const plain = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
  const shortcut = new CommandValidationPipe();
  const classes = [...COMMAND_ENTRIES.map((entry) => entry.body), OpenRecommendationDto, RecordInspectionDto];
  // Values of every kind the bodies' fields take and refuse.
  const field = fc.constantFrom(
    'text',
    'rag',
    'reason',
    'level',
    'owner',
    'dueDate',
    'occurredAt',
    'relation',
    'id',
    'constructor',
    '__proto__',
    'extra',
  );
  const item = fc.oneof(
    fc.constantFrom(
      'red',
      'amber',
      'green',
      '',
      'x'.repeat(10_001),
      '2024-06-25',
      '2024-06-25T10:00:00Z',
      '2024-06-25T10:00:00',
      'supt-patel',
      3,
      2.5,
      null,
      true,
    ),
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.constant({ nested: 1 }),
    fc.constant([1]),
  );
  const body = fc.dictionary(field, item, { maxKeys: 4 });

  it('makes the same instance of every command body, and refuses what it refuses in the same words', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...classes),
        fc.oneof(body, fc.constantFrom(undefined, null, 'text', [])),
        async (metatype, value) => {
          const metadata: ArgumentMetadata = { type: 'body', metatype };
          const copy = () => (value === null || typeof value !== 'object' ? value : JSON.parse(JSON.stringify(value)));
          expect(await answer(shortcut, copy(), metadata)).toEqual(await answer(plain, copy(), metadata));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('takes a note as class-validator does, and an item id in the path', async () => {
    const note = COMMAND_ENTRIES.find((entry) => entry.type === 'NOTE_PROGRESS')!.body;
    const made = await shortcut.transform(
      { text: 'Vetting backlog down', occurredAt: '2024-06-25T10:00:00Z' },
      { type: 'body', metatype: note },
    );
    expect(made).toBeInstanceOf(note);
    expect(made).toEqual(Object.assign(new note(), { text: 'Vetting backlog down', occurredAt: '2024-06-25T10:00:00Z' }));
    for (const id of ['B-1', '9159', 'bad id', '']) {
      const metadata: ArgumentMetadata = { type: 'param', metatype: ItemIdParams };
      expect(await answer(shortcut, { id }, metadata)).toEqual(await answer(plain, { id }, metadata));
    }
  });

  it("takes an item id in the path's parameters as Fastify's router makes them, in one pass", async () => {
    const server = Fastify();
    let params: unknown;
    server.post('/recommendations/:id/note', async (request) => {
      params = request.params;
      return {};
    });
    await server.inject({ method: 'POST', url: '/recommendations/B-1/note' });
    await server.close();
    const metadata: ArgumentMetadata = { type: 'param', metatype: ItemIdParams };
    const passedOn = jest.spyOn(ValidationPipe.prototype, 'transform');
    try {
      expect(await answer(shortcut, params, metadata)).toEqual(await answer(plain, { id: 'B-1' }, metadata));
      // Once for `plain`; the shortcut did not hand the parameters on to class-validator.
      expect(passedOn).toHaveBeenCalledTimes(1);
    } finally {
      passedOn.mockRestore();
    }
  });
});
