import { EvidenceRefused } from './errors';

const MAX_NAME = 255;

/**
 * The name a document had on the uploader's computer, as it is kept: trimmed and NFC-normalised. A name
 * with folders in it (`/`, `\`), control characters, `..` or nothing at all is refused, not repaired: a
 * browser sends the bare name, so anything else was made by hand.
 */
export function sanitisedFileName(given: string): string {
  const name = given.normalize('NFC').trim();
  const refuse = (why: string) => {
    throw new EvidenceRefused('bad_name', `The file name ${JSON.stringify(given.slice(0, 100))} ${why}`, given);
  };
  if (name.length === 0) refuse('is empty: give the file a name');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(name)) refuse('has control characters in it');
  if (/[/\\]/.test(name)) refuse("has folders in it: send the file's own name only");
  if (name === '.' || name === '..') refuse("is not a file's name");
  if (name.length > MAX_NAME) refuse(`is longer than ${MAX_NAME} characters`);
  return name;
}
