import type { IsoDate, ItemKind, Level, Rag, Status } from '@hmicfrs/lifecycle';
import type { TextPiece } from '../search/search-text';

/** One line of the register, as the queries answer it. */
export interface RegisterEntry {
  id: string;
  reference: string;
  kind: ItemKind;
  inspection: { id: string; title: string | null };
  text: string;
  level: Level;
  portfolio: string;
  /** Whom HMICFRS addressed it to, as recorded: the force (chief constables) or another body (IOPC, NPCC, the Home Office). */
  addressee: string;
  owner: string | null;
  rag: Rag | null;
  status: Status;
  closed: boolean;
  inProgress: boolean;
  dueDate: IsoDate | null;
  /** Where HMICFRS gave the due date as so many months of the report's publication, until it is changed. */
  dueWithinMonths: number | null;
  originalDueDate: IsoDate | null;
  /** In progress and due before today. */
  overdue: boolean;
  openedAt: string;
  submittedAt: string | null;
  submittedBy: string | null;
  closedAt: string | null;
  lastEventAt: string;
  revision: number;
  /** On a search only: the reference and wording with the words that matched marked, and the progress notes where they matched. */
  match?: SearchMatch;
}

export interface SearchMatch {
  reference: TextPiece[];
  text: TextPiece[];
  /** A few words of the progress notes around the match; null when the notes did not match. */
  notes: TextPiece[] | null;
}
