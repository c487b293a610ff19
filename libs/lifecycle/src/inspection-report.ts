import type { RecordInspectionReport } from './commands';
import { refuse, type Decision } from './decision';
import type { InspectionReportEvent, InspectionReportRecorded } from './events';
import { EventDoesNotFit } from './errors';
import { upcast, type StoredEvent } from './upcast';

/** An inspection report is recorded once; its items carry its id. It has no lifecycle of its own. */
export type InspectionReport = InspectionReportRecorded['data'];

export function decideInspectionReport(
  state: InspectionReport | undefined,
  command: RecordInspectionReport,
): Decision<InspectionReportEvent> {
  if (state !== undefined) {
    return refuse({ code: 'already_exists', message: `Inspection report ${state.id} is already recorded` });
  }
  const { id, reportType, title, publishedOn, fieldworkFrom, fieldworkTo, gradings } = command;
  // ISO dates compare as strings.
  if (fieldworkFrom !== undefined && fieldworkTo !== undefined && fieldworkTo < fieldworkFrom) {
    return refuse({ code: 'invalid', message: 'Fieldwork cannot end before it starts' });
  }
  if ([fieldworkFrom, fieldworkTo].some((day) => day !== undefined && day > publishedOn)) {
    return refuse({ code: 'invalid', message: 'Fieldwork cannot come after the report was published' });
  }
  const areas = (gradings ?? []).map(({ area }) => area.trim().toLowerCase());
  if (new Set(areas).size !== areas.length) {
    return refuse({ code: 'invalid', message: 'An area is graded once in a report' });
  }
  const data: InspectionReport = {
    id,
    reportType,
    title,
    publishedOn,
    ...(fieldworkFrom === undefined ? {} : { fieldworkFrom }),
    ...(fieldworkTo === undefined ? {} : { fieldworkTo }),
    ...(gradings === undefined || gradings.length === 0
      ? {}
      : { gradings: gradings.map(({ area, grade }) => ({ area: area.trim(), grade })) }),
  };
  return { ok: true, events: [{ type: 'InspectionReportRecorded', data }] };
}

export function replayInspectionReport(stream: Iterable<StoredEvent>): InspectionReport | undefined {
  let report: InspectionReport | undefined;
  let index = 0;
  for (const stored of stream) {
    const event = upcast(stored);
    if (event.type !== 'InspectionReportRecorded' || report !== undefined) {
      throw new EventDoesNotFit(event.type, 'an inspection report', index);
    }
    report = event.data;
    index += 1;
  }
  return report;
}

/**
 * Reports already recorded that look like the one about to be: the same title (ignoring case, spacing
 * and punctuation) published the same day. The same report recorded twice would count its items twice,
 * so the liaison officer is warned first; two reports may share both, so it is a warning, not a refusal.
 */
export function sameReportAs(
  recorded: Iterable<InspectionReport>,
  report: Pick<InspectionReport, 'id' | 'title' | 'publishedOn'>,
): InspectionReport[] {
  const title = comparableTitle(report.title);
  return [...recorded].filter(
    (other) => other.id !== report.id && other.publishedOn === report.publishedOn && comparableTitle(other.title) === title,
  );
}

function comparableTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
