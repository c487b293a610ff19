import { eventIdFor, eventIdsFor } from './event-id';

describe('event ids', () => {
  it('are the same one by one or for a whole command, past ten and a hundred events, whatever the characters', () => {
    for (const [streamId, commandId] of [
      ['recommendation-9159', 'c0ffee00-0000-4000-8000-000000000001'],
      ['person-asha.patel@force.police.uk', 'flo:clé-idempotence-é'],
    ]) {
      const ids = eventIdsFor(streamId, commandId, 120);
      expect(ids).toEqual(ids.map((_, index) => eventIdFor(streamId, commandId, index)));
      expect(new Set(ids).size).toBe(120);
    }
  });

  it('are the UUID v5 the format defined', () => {
    expect(eventIdFor('recommendation-1', 'command-1', 0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
