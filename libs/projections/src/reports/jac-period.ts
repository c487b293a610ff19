import { InvalidReportParameter } from '../errors';
import { instantOf, pointInTime } from './report-dates';

/** What the committee asks for, as given: dates (YYYY-MM-DD) or date-times with a zone. */
export interface JacRequest {
  /** The report is as at this date (occurredAt). */
  asAt: string;
  /** The previous report's date: changes are counted since then. */
  previous: string;
  /** Submissions for closure are counted from this date (the change of HMICFRS process, August 2023). */
  since: string;
  /** Only what had been recorded by then (recordedAt); default now. */
  knownAt?: string;
}

/** The request as instants, checked. */
export interface JacPeriod {
  asAt: string;
  previous: string;
  since: string;
  knownAt: string;
}

export function jacPeriod(request: JacRequest, now: Date): JacPeriod {
  const { asAt, knownAt } = pointInTime(request.asAt, request.knownAt, now);
  const previous = instantOf('previous', request.previous, 'end');
  const since = instantOf('since', request.since, 'start');
  // People read these on the committee report page: the fields' names in their words, no ISO dates.
  if (previous > asAt) {
    throw new InvalidReportParameter('previous', "The previous committee date must be before this committee's date");
  }
  if (since > asAt) {
    throw new InvalidReportParameter('since', "The date submissions are counted from must be before this committee's date");
  }
  return { asAt, previous, since, knownAt };
}
