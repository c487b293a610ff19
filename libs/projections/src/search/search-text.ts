/**
 * What a person types into the search box, made into an FTS5 query, and the words that matched marked
 * in an item's text as plain pieces, so that neither the page nor the API ever handles markup.
 */

/** At most this many words are searched for; the rest are ignored. */
const MOST_WORDS = 12;

/** A word as the index's tokenizer (unicode61) splits text: letters and digits. */
const WORD = /[\p{L}\p{N}]+/gu;

/** The words typed, at most `MOST_WORDS` of them. */
function wordsOf(typed: string): string[] {
  return (typed.normalize('NFKC').match(WORD) ?? []).slice(0, MOST_WORDS);
}

/**
 * Every word the text holds, each quoted so that nothing typed is read as FTS5 syntax, and each a
 * prefix ("vet" finds "vetting"); all must match. `undefined` when the text holds no word at all.
 */
export function searchQuery(typed: string): string | undefined {
  const words = wordsOf(typed);
  return words.length ? words.map((word) => `"${word}"*`).join(' ') : undefined;
}

/** A word as the index compares it (remove_diacritics 2): "Café" is "cafe". */
function folded(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The words of a search as the index matches them: folded, each a prefix of the words it finds. */
export function searchWords(typed: string): string[] {
  return wordsOf(typed).map(folded);
}

/** A piece of an item's text, and whether it matched the search. */
export interface TextPiece {
  text: string;
  match: boolean;
}

/**
 * The text in pieces, each word that one of `words` begins marked: what FTS5's `highlight()` marks,
 * worked out from the item's own text. (Asked of the index for one page's rows, a prefix query
 * rebuilt its whole list of hits for each row: half a second for a word most items hold.)
 */
export function marked(text: string, words: readonly string[]): TextPiece[] {
  const result: TextPiece[] = [];
  let from = 0;
  for (const token of text.matchAll(WORD)) {
    if (!isMatch(token[0], words)) continue;
    add(result, text.slice(from, token.index), false);
    add(result, token[0], true);
    from = token.index + token[0].length;
  }
  add(result, text.slice(from), false);
  return result;
}

/**
 * A few words of the text around its first match, marked, with "…" where it is cut (as FTS5's
 * `snippet()` gives them); null when nothing in it matched.
 */
export function snippet(text: string, words: readonly string[], length = 16): TextPiece[] | null {
  const tokens = [...text.matchAll(WORD)];
  const first = tokens.findIndex((token) => isMatch(token[0], words));
  if (first < 0) return null;
  const start = Math.max(0, Math.min(first - 3, tokens.length - length));
  const end = Math.min(tokens.length, start + length);
  const from = start === 0 ? 0 : tokens[start].index;
  const to = end === tokens.length ? text.length : tokens[end - 1].index + tokens[end - 1][0].length;
  const result: TextPiece[] = [];
  if (start > 0) add(result, '…', false);
  for (const piece of marked(text.slice(from, to), words)) add(result, piece.text, piece.match);
  if (end < tokens.length) add(result, '…', false);
  return result;
}

function isMatch(token: string, words: readonly string[]): boolean {
  const word = folded(token);
  return words.some((typed) => word.startsWith(typed));
}

/** Adds a piece, joined to the one before when neither matched. */
function add(pieces: TextPiece[], text: string, match: boolean): void {
  if (text === '') return;
  const last = pieces.at(-1);
  if (last !== undefined && !last.match && !match) last.text += text;
  else pieces.push({ text, match });
}

/** References in the order people count them: 33 before 10618, AFI-2 before AFI-10; letters regardless of case. */
export function naturalKey(reference: string): string {
  return reference.toLowerCase().replace(/\d+/g, (digits) => {
    const significant = digits.replace(/^0+(?=\d)/, '');
    // The count of digits first, so that a longer number sorts after a shorter one whatever its length.
    return `${String(significant.length).padStart(2, '0')}${significant}`;
  });
}
