import type { OpenRecommendation } from './commands';
import type { IsoDate } from './events';
import type { InspectionReport } from './inspection-report';

/**
 * The day an item came to the force, which it is opened as at: the day given as received, else its
 * report's publication. An item comes with its report, not on the day someone types it in, so the
 * committee's "added since the last meeting" counts it then.
 */
export function receivedOn(command: Pick<OpenRecommendation, 'receivedOn'>, report: Pick<InspectionReport, 'publishedOn'>): IsoDate {
  return command.receivedOn ?? report.publishedOn;
}
