/**
 * What the writer believes the stream's last revision to be when it appends:
 * - `any`: no check;
 * - `no_stream`: the stream must not exist yet;
 * - a number: the stream's last event must have exactly this 0-based revision.
 */
export type ExpectedRevision = 'any' | 'no_stream' | number;

/** The revision an absent stream is said to have in errors and results. */
export const NO_STREAM_REVISION = -1;
