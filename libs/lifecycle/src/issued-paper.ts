import { refuse, type Decision } from './decision';
import { EventDoesNotFit } from './errors';
import type { IsoDate } from './events';
import { upcast, type StoredEvent } from './upcast';

/** The latest signed checkpoint when a paper was issued: enough to hold the store to it later. */
export interface IssuedCheckpoint {
  sequence: number;
  position: string;
  count: number;
  root: string;
  keyFingerprint: string;
}

/**
 * A committee paper as it was sent (docs/architecture.md, "The JAC report"): the committee's date, the
 * previous one and the date submissions are counted from, the point of the record it was drawn from
 * (`knownAt`), who it names as contact officer, the document's SHA-256 and the latest checkpoint. From
 * these the same document is drawn up again, byte for byte, and compared with what the record shows now.
 */
export interface PaperIssuedData {
  id: string;
  committeeDate: IsoDate;
  previousCommitteeDate: IsoDate;
  countedFrom: IsoDate;
  knownAt: string;
  contact: { name: string; title: string };
  sha256: string;
  checkpoint: IssuedCheckpoint | null;
}

export interface PaperIssued {
  type: 'PaperIssued';
  data: PaperIssuedData;
}

export type IssuePaper = { type: 'ISSUE_PAPER' } & PaperIssuedData;

export type IssuedPaper = PaperIssuedData;

/** The id of the paper for a committee: one paper a committee. */
export const paperId = (committeeDate: IsoDate): string => `jac-${committeeDate}`;

/** A paper is issued once; a correction afterwards shows in the comparison, never in the issued paper. */
export function decideIssuedPaper(state: IssuedPaper | undefined, command: IssuePaper): Decision<PaperIssued> {
  if (state !== undefined) {
    return refuse({
      code: 'already_exists',
      message: `The paper for the committee of ${state.committeeDate} was issued already`,
    });
  }
  if (!/^[0-9a-f]{64}$/.test(command.sha256)) return refuse({ code: 'invalid', message: "The document's SHA-256 must be 64 hex digits" });
  if (command.previousCommitteeDate > command.committeeDate) {
    return refuse({ code: 'invalid', message: "The previous committee date must be before this committee's date" });
  }
  const { type: _, ...data } = command;
  return { ok: true, events: [{ type: 'PaperIssued', data }] };
}

export function replayIssuedPaper(stream: Iterable<StoredEvent>): IssuedPaper | undefined {
  let paper: IssuedPaper | undefined;
  let index = 0;
  for (const stored of stream) {
    const event = upcast(stored);
    if (event.type !== 'PaperIssued' || paper !== undefined) throw new EventDoesNotFit(event.type, 'an issued paper', index);
    paper = event.data;
    index += 1;
  }
  return paper;
}
