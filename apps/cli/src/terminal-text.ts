/**
 * C0 and C1 controls, DEL, and the Unicode controls that reorder or break lines. Written raw, a note
 * holding ESC sequences could clear the operator's terminal, set its title or hide what follows; a bidi
 * override could make a line read other than it is.
 */
// Matching control characters is the point of these two.
/* eslint-disable no-control-regex */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_BUT_LINES =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;
/* eslint-enable no-control-regex */

const escaped = (character: string) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Stored text on one line of the terminal: every control, newlines too, written as `\u001b`. */
export function oneLine(text: string): string {
  return text.replace(CONTROLS, escaped);
}

/** A whole document for the terminal (a report): its lines (CSV's CRLF too) and tabs kept, every other control written as `\u001b`. */
export function terminalText(text: string): string {
  return text.replace(CONTROLS_BUT_LINES, escaped);
}
