import { InvalidStreamName } from './errors';

// `@` too: a person's stream is named by the id they sign in with, an e-mail-like UPN at most forces.
const STREAM_NAME = /^([a-z][a-z0-9]*)-([A-Za-z0-9][A-Za-z0-9_.:@-]{0,199})$/;

/** Every product stream is `<category>-<id>`, e.g. `recommendation-9159` or `inspection-peel-2023`. */
export function assertStreamName(streamId: unknown): asserts streamId is string {
  if (typeof streamId !== 'string') throw new InvalidStreamName(String(streamId), 'it is not a string');
  if (!STREAM_NAME.test(streamId)) {
    throw new InvalidStreamName(
      streamId,
      'expected <category>-<id>: a lower-case category, a hyphen, then up to 200 letters, digits or _ . : @ -',
    );
  }
}

export function streamCategory(streamId: string): string {
  return streamId.slice(0, streamId.indexOf('-'));
}
