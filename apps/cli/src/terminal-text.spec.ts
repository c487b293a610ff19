import { oneLine, terminalText } from './terminal-text';

describe('text printed to the terminal', () => {
  const hostile = 'done\u001b[2J\u001b]0;pwned\u0007 \u009b31m \u202eevil\nforged line\r\tx';

  it('writes every control character of stored text as an escape, on one line', () => {
    const shown = oneLine(hostile);
    expect(shown).toBe('done\\u001b[2J\\u001b]0;pwned\\u0007 \\u009b31m \\u202eevil\\u000aforged line\\u000d\\u0009x');
    // eslint-disable-next-line no-control-regex -- no control character may be left
    expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
  });

  it("keeps a report's lines and tabs, and escapes the rest", () => {
    expect(terminalText('# Report\n\tPEEL\u001b[2J')).toBe('# Report\n\tPEEL\\u001b[2J');
  });

  it("keeps a CSV report's CRLF line ends, but not a carriage return that could overwrite a line", () => {
    expect(terminalText('section,count\r\nrag_red,6\r\n')).toBe('section,count\r\nrag_red,6\r\n');
    expect(terminalText('6\rforged')).toBe('6\\u000dforged');
  });
});
