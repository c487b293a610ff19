/**
 * What a person types into the search box, made into an FTS5 query, and the index's highlights made
 * into plain pieces of text, so that neither the page nor the API ever handles markup from the index.
 */

/** Private-use characters around a match in FTS5's `highlight()` and `snippet()`; never indexed. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

/** At most this many words are searched for; the rest are ignored. */
const MOST_WORDS = 12;

/**
 * Every word the text holds (letters and digits, as the index's tokenizer splits them), each quoted so
 * that nothing typed is read as FTS5 syntax, and each a prefix ("vet" finds "vetting"); all must match.
 * `undefined` when the text holds no word at all.
 */
export function searchQuery(typed: string): string | undefined {
  const words = typed
    .normalize('NFKC')
    .match(/[\p{L}\p{N}]+/gu)
    ?.slice(0, MOST_WORDS);
  if (!words?.length) return undefined;
  return words.map((word) => `"${word}"*`).join(' ');
}

/** A piece of an item's text, and whether it matched the search. */
export interface TextPiece {
  text: string;
  match: boolean;
}

/** `highlight()`'s output as pieces: the matched words marked, the rest as they are. */
export function pieces(highlighted: string): TextPiece[] {
  const result: TextPiece[] = [];
  const parts = highlighted.split(MARK_START);
  for (let index = 0; index < parts.length; index += 1) {
    let part = parts[index];
    const end = part.indexOf(MARK_END);
    if (index > 0 && end >= 0) {
      if (end > 0) result.push({ text: part.slice(0, end), match: true });
      part = part.slice(end + 1);
    }
    if (part !== '') result.push({ text: part, match: false });
  }
  return result;
}

/** References in the order people count them: 33 before 10618, AFI-2 before AFI-10; letters regardless of case. */
export function naturalKey(reference: string): string {
  return reference.toLowerCase().replace(/\d+/g, (digits) => {
    const significant = digits.replace(/^0+(?=\d)/, '');
    // The count of digits first, so that a longer number sorts after a shorter one whatever its length.
    return `${String(significant.length).padStart(2, '0')}${significant}`;
  });
}
