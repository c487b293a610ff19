import type { JacReport } from './jac-report';
import { GRADE_LABELS, KIND_LABELS, kindAndLevel, longDate, withChange } from './report-words';

/** One figure of the paper, as printed then and as the record shows it now. */
export interface ChangedFigure {
  figure: string;
  issued: string;
  now: string;
}

export interface JacComparison {
  /** When the issued paper's record stood (its `knownAt`). */
  issuedKnownAt: string;
  changed: ChangedFigure[];
  /** References of the items with events recorded after the paper was issued about what had happened by its date. */
  correctedItems: string[];
  /** "3 figures have changed since it was issued: …, because of events recorded after …". */
  words: string;
}

/**
 * The figures an issued paper printed against the same paper drawn up from the record as it stands
 * now (docs/architecture.md, "The JAC report"): the same committee, previous and counted-from dates,
 * only `knownAt` differs, so every difference is a later recording about the committee's period.
 */
export function compareJac(issued: JacReport, now: JacReport, correctedItems: string[]): JacComparison {
  const before = figures(issued);
  const after = figures(now);
  const changed: ChangedFigure[] = [];
  for (const figure of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(figure) ?? '0';
    const is = after.get(figure) ?? '0';
    if (was !== is) changed.push({ figure, issued: was, now: is });
  }
  const at = recordTime(issued.period.knownAt);
  const words =
    changed.length === 0
      ? `No figure has changed since it was issued (the record as it stood at ${at}).`
      : `${changed.length} ${changed.length === 1 ? 'figure has' : 'figures have'} changed since it was issued: ` +
        changed.map(({ figure, issued: was, now: is }) => `${figure} ${was} → ${is}`).join('; ') +
        `, because of events recorded after ${at}` +
        (correctedItems.length === 0 ? '.' : ` (about ${correctedItems.join(', ')}).`);
  return { issuedKnownAt: issued.period.knownAt, changed, correctedItems, words };
}

/** Every figure the paper prints, by the words it prints it under. */
function figures(report: JacReport): Map<string, string> {
  const out = new Map<string, string>();
  for (const row of report.submissions.rows) out.set(`${kindAndLevel(row.kind, row.level)} submitted for closure`, withChange(row));
  out.set('Total submitted for closure', withChange(report.submissions.total));
  out.set('Signed off since the last JAC', String(report.signedOff.total));
  for (const { inspection, items } of report.signedOff.byReport) out.set(`Signed off from ${inspection.title}`, String(items.length));
  out.set('On the register', withChange(report.register.total));
  out.set('In progress', String(report.register.inProgress));
  out.set('Added since the last JAC', String(report.register.added));
  for (const kind of report.register.byKind) {
    out.set(`${KIND_LABELS[kind.kind].many} on the register`, String(kind.items));
    out.set(`${KIND_LABELS[kind.kind].many} added since the last JAC`, String(kind.added));
  }
  out.set('RAG red', String(report.rag.red));
  out.set('RAG amber', String(report.rag.amber));
  out.set('RAG green', String(report.rag.green));
  out.set('RAG not yet rated', String(report.rag.unrated));
  for (const { inspection, received, submitted } of report.byReport) {
    for (const kind of Object.keys(received) as (keyof typeof received)[]) {
      if (received[kind] > 0) out.set(`${KIND_LABELS[kind].many} received from ${inspection.title}`, String(received[kind]));
      if (submitted[kind] > 0) out.set(`${KIND_LABELS[kind].many} from ${inspection.title} submitted for closure`, String(submitted[kind]));
    }
  }
  for (const { inspection, gradings } of report.published) {
    out.set(`Published: ${inspection.title}`, longDate(inspection.publishedOn!));
    for (const { area, grade } of gradings) out.set(`${inspection.title}: ${area}`, GRADE_LABELS[grade]);
  }
  out.set('Overdue', String(report.overdue.length));
  out.set('Past due, waiting for HMICFRS', String(report.waitingForHmicfrs.length));
  return out;
}

/** "14:03 UTC on 27 June 2024". */
function recordTime(instant: string): string {
  return `${instant.slice(11, 16)} UTC on ${longDate(instant)}`;
}
