import { InvalidReportParameter } from '../errors';
import { jacPeriod } from './jac-period';
import { instantOf, pointInTime } from './report-dates';

describe('report dates', () => {
  it('a date means its whole day: as at its end, since its start', () => {
    expect(instantOf('asAt', '2024-06-27', 'end')).toBe('2024-06-27T23:59:59.999Z');
    expect(instantOf('since', '2023-08-01', 'start')).toBe('2023-08-01T00:00:00.000Z');
    expect(instantOf('asAt', '2024-02-29', 'end')).toBe('2024-02-29T23:59:59.999Z');
  });

  it('a date-time with its zone is that instant', () => {
    expect(instantOf('knownAt', '2024-06-27T18:30:00+01:00', 'end')).toBe('2024-06-27T17:30:00.000Z');
    expect(instantOf('knownAt', '2024-06-27T18:30Z', 'end')).toBe('2024-06-27T18:30:00.000Z');
  });

  it.each(['2023-02-29', '2024-13-01', '27/06/2024', '2024-06-27T18:30', 'yesterday', ''])('refuses %j, naming the parameter', (value) => {
    expect(() => instantOf('previous', value, 'end')).toThrow(InvalidReportParameter);
    expect(() => instantOf('previous', value, 'end')).toThrow(/^previous /);
  });

  it('as known at: default now, and never later than now', () => {
    const now = new Date('2025-01-01T10:00:00.000Z');
    expect(pointInTime(undefined, undefined, now)).toEqual({ asAt: now.toISOString(), knownAt: now.toISOString() });
    expect(pointInTime('2024-06-27', '2026-01-01', now).knownAt).toBe(now.toISOString());
  });

  it('previous and since may not come after the date of the report, said in plain words', () => {
    const now = new Date('2025-01-01T10:00:00.000Z');
    const late = () => jacPeriod({ asAt: '2024-06-27', previous: '2024-06-28', since: '2023-08-01' }, now);
    expect(late).toThrow(new InvalidReportParameter('previous', "The previous committee date must be before this committee's date"));
    expect(late).toThrow(expect.objectContaining({ parameter: 'previous' }) as Error);
    expect(() => jacPeriod({ asAt: '2024-06-27', previous: '2024-03-21', since: '2024-06-28' }, now)).toThrow(
      "The date submissions are counted from must be before this committee's date",
    );
    // The same day is fine: previous means the end of that day, as asAt does.
    expect(jacPeriod({ asAt: '2024-06-27', previous: '2024-06-27', since: '2024-06-27' }, now).previous).toBe('2024-06-27T23:59:59.999Z');
  });
});
