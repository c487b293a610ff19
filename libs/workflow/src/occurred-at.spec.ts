import { OccurredAtRefused } from './errors';
import { occurredAt } from './occurred-at';

const now = new Date('2024-07-01T12:00:00Z');

describe('occurredAt', () => {
  it('takes a day, or a date-time with its zone, as the instant it names', () => {
    expect(occurredAt('2024-06-25', now)).toBe('2024-06-25T00:00:00.000Z');
    expect(occurredAt('2024-06-25T10:00:00Z', now)).toBe('2024-06-25T10:00:00.000Z');
    expect(occurredAt('2024-06-25T11:00:00+01:00', now)).toBe('2024-06-25T10:00:00.000Z');
    expect(occurredAt('2024-06-25T10:00:00.123-0300', now)).toBe('2024-06-25T13:00:00.123Z');
  });

  it.each(['2024-06-25T10:00:00', '2024-06-25T10:00', '2024-06-25 10:00:00Z', '2024-W26', 'yesterday'])(
    'refuses %s, which has no zone or is not a day, naming what it must be',
    (requested) => {
      expect(() => occurredAt(requested, now)).toThrow(OccurredAtRefused);
      expect(() => occurredAt(requested, now)).toThrow(/a day \(2024-06-25\) or a date-time with its zone/);
    },
  );
});
