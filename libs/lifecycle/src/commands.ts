import type {
  Escalated,
  Evidence,
  InspectionReportRecorded,
  IsoDate,
  LinkRelation,
  Rag,
  RecommendationOpened,
  ReminderIssued,
  TrackerRecord,
  SettableLevel,
  VerifyingInspection,
} from './events';

/** The people who use the product, each a role (docs/architecture.md, "Who uses it"). */
export const ROLES = ['owner', 'liaison', 'dcc', 'hmicfrs', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who sends a command. Which role may send which command is the auth policy's table, not the
 * lifecycle's; the lifecycle only needs the person for separation of duties: whoever submitted never
 * approves, whoever approved never verifies, and no system actor approves or verifies (`people.ts`).
 */
export interface Actor {
  userId: string;
  role: Role;
}

/** `receivedOn`: the day the item came, when not with its report's publication (`receivedOn()`); not recorded as data. */
export type OpenRecommendation = { type: 'OPEN_RECOMMENDATION'; receivedOn?: IsoDate } & RecommendationOpened['data'];

/** Commands on an item that exists; named as in docs/architecture.md, "The lifecycle". */
export type LifecycleCommand =
  | { type: 'RATE'; rag: Rag }
  | { type: 'NOTE_PROGRESS'; text: string }
  | ({ type: 'ATTACH_EVIDENCE' } & Evidence)
  | { type: 'REMOVE_EVIDENCE'; evidenceId: string }
  | { type: 'ASSIGN_OWNER'; owner: string }
  /** `reason` may be left out only for the item's first due date. */
  | { type: 'CHANGE_DUE_DATE'; dueDate: IsoDate; reason?: string }
  | { type: 'SUBMIT' }
  | { type: 'WITHDRAW' }
  /**
   * `confirmRating`: the DCC has seen that the item is rated Amber or Red, not Green, and approves it all the
   * same (an item not rated Green is approved only so). `fromTracker` only from an import: the tracker says
   * the DCC approved, outside the system.
   */
  | { type: 'APPROVE'; comment?: string; confirmRating?: boolean; fromTracker?: TrackerRecord }
  | { type: 'RETURN'; reason: string }
  | { type: 'VERIFY'; comment?: string; inspection?: VerifyingInspection; fromTracker?: TrackerRecord }
  | { type: 'REJECT'; reason: string }
  | { type: 'CHANGE_LEVEL'; level: SettableLevel; reason: string }
  | { type: 'CLOSE_AND_ARCHIVE' }
  /** The item is due again by `dueDate`, and needs a fresh RAG rating. */
  | { type: 'REOPEN'; reason: string; dueDate: IsoDate }
  | { type: 'MARK_NOT_APPLICABLE'; reason: string; addressedTo: string }
  | { type: 'LINK'; otherId: string; relation: LinkRelation };

export type LifecycleCommandType = LifecycleCommand['type'];

/**
 * What the daily reminders record on an item: nobody pressed a button, so it is not one of the people's
 * commands (no route, no policy action), but it takes the same road and the machine still decides.
 */
export type RecordNotice = { type: 'RECORD_NOTICE'; notice: ReminderIssued | Escalated };

/** Who sends a system command: the part of the system named after it (`system:reminders`), in no person's role. */
export interface SystemActor {
  userId: `system:${string}`;
  role: 'system';
}

export type RecommendationCommand = OpenRecommendation | LifecycleCommand | RecordNotice;

export type RecordInspectionReport = { type: 'RECORD_INSPECTION_REPORT' } & InspectionReportRecorded['data'];
