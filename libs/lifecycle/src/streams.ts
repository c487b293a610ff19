import { personId } from './people';

/**
 * Where the domain's facts are kept: one stream per item, one per inspection report, one per person
 * in the directory, one per issued committee paper and one per inspection activity in force (docs/architecture.md, "Events"). Every reader and writer names streams through
 * these, never by hand.
 */
export const STREAM_CATEGORIES = {
  item: 'recommendation',
  inspection: 'inspection',
  person: 'person',
  paper: 'paper',
  activity: 'activity',
} as const;

export type StreamCategory = (typeof STREAM_CATEGORIES)[keyof typeof STREAM_CATEGORIES];

export const recommendationStream = (id: string): string => `${STREAM_CATEGORIES.item}-${id}`;
export const inspectionStream = (id: string): string => `${STREAM_CATEGORIES.inspection}-${id}`;
/** An issued committee paper's stream (`paper-jac-2024-06-27`). */
export const paperStream = (id: string): string => `${STREAM_CATEGORIES.paper}-${id}`;
/** An inspection's fieldwork in force (`activity-soms-revisit-2024`). */
export const activityStream = (id: string): string => `${STREAM_CATEGORIES.activity}-${id}`;
/** A person's stream, under their normalised id, so `OWNER-A` and `owner-a` are one stream. */
export const personStream = (id: string): string => `${STREAM_CATEGORIES.person}-${personId(id)}`;

/**
 * A person's sessions on the web pages (`sessions-<id>`, under the normalised id). Not a domain
 * category: the read models leave sign-ins and sign-outs alone, as they leave the seal's checkpoints.
 */
export const SESSIONS_CATEGORY = 'sessions';
export const sessionsStream = (id: string): string => `${SESSIONS_CATEGORY}-${personId(id)}`;

/** The stream's category and the id after it (`recommendation-9159` → item 9159), or undefined for a stream that is not the domain's. */
export function streamSubject(streamId: string): { category: StreamCategory; id: string } | undefined {
  const dash = streamId.indexOf('-');
  const category = streamId.slice(0, dash);
  if (dash <= 0 || !(Object.values(STREAM_CATEGORIES) as string[]).includes(category)) return undefined;
  return { category: category as StreamCategory, id: streamId.slice(dash + 1) };
}

/** The item a stream holds, or undefined for any other stream. */
export function itemIdOf(streamId: string): string | undefined {
  const subject = streamSubject(streamId);
  return subject?.category === STREAM_CATEGORIES.item ? subject.id : undefined;
}
