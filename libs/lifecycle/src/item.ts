import type {
  DueWithin,
  EscalationKind,
  Evidence,
  EvidenceRef,
  IsoDate,
  ItemKind,
  Level,
  LinkRelation,
  Rag,
  RecommendationOpened,
  ReminderKind,
} from './events';

/**
 * What the machine remembers about one item: what its rules need and the item's current picture.
 * The full history (every note, every due-date change with its actor) is the event stream itself, read by
 * the projections; keeping it here as well would make each replayed event copy a growing list.
 */
export interface Item {
  id: string;
  reference: string;
  kind: ItemKind;
  inspectionId: string;
  text: string;
  level: Level;
  addressee: string;
  portfolio: string;
  owner: string | null;
  rag: Rag | null;
  latestProgressNote: string | null;
  dueDate: IsoDate | null;
  /** Where the due date is HMICFRS's span of the publication ("within three months"), until it is changed. */
  dueWithin: DueWithin | null;
  /** The first due date the item ever had: the JAC asks how far an item has slipped. */
  originalDueDate: IsoDate | null;
  /** Evidence attached now. */
  evidence: Evidence[];
  /** The submission awaiting (or given) approval, with the evidence exactly as submitted. */
  submission: { submittedBy: string; evidence: Evidence[] } | null;
  /** What the DCC approved, kept until the item is reopened or rejected. */
  approval: { approvedBy: string; evidence: EvidenceRef[] } | null;
  links: { otherId: string; relation: LinkRelation }[];
  /** The latest reminder or escalation: who was last told about the item, why, and on which day. */
  lastReminder: { kind: ReminderKind | EscalationKind; to: string; on: IsoDate } | null;
}

export function openedItem(opened: RecommendationOpened['data']): Item {
  return {
    id: opened.id,
    reference: opened.reference,
    kind: opened.kind,
    inspectionId: opened.inspectionId,
    text: opened.text,
    level: opened.level,
    addressee: opened.addressee,
    portfolio: opened.portfolio,
    owner: opened.owner ?? null,
    rag: null,
    latestProgressNote: null,
    dueDate: opened.dueDate ?? null,
    dueWithin: opened.dueWithin ?? null,
    originalDueDate: opened.dueDate ?? null,
    evidence: [],
    submission: null,
    approval: null,
    links: [],
    lastReminder: null,
  };
}
