import { marked, searchQuery, searchWords, snippet } from './search-text';

describe('the words of a search, marked in an item text', () => {
  it('marks each word a typed word begins, whatever its case or accents', () => {
    const words = searchWords('VET Cafe');
    expect(marked('Vetting at the café, and the vet', words)).toEqual([
      { text: 'Vetting', match: true },
      { text: ' at the ', match: false },
      { text: 'café', match: true },
      { text: ', and the ', match: false },
      { text: 'vet', match: true },
    ]);
    expect(marked('nothing here', words)).toEqual([{ text: 'nothing here', match: false }]);
  });

  it('searches for the same words it marks, each quoted and a prefix', () => {
    expect(searchQuery('text:vetting "units"')).toBe('"text"* "vetting"* "units"*');
    expect(searchWords('text:vetting "units"')).toEqual(['text', 'vetting', 'units']);
  });

  it('a snippet is a few words around the first match, cut with "…"; null when nothing matched', () => {
    const notes = 'one two three four five six seven eight nine ten vetting eleven twelve thirteen fourteen fifteen sixteen seventeen';
    const cut = snippet(notes, searchWords('vetting'), 6)!;
    expect(cut.map((piece) => (piece.match ? `[${piece.text}]` : piece.text)).join('')).toBe('…eight nine ten [vetting] eleven twelve…');
    expect(snippet('short vetting note', searchWords('vet'))).toEqual([
      { text: 'short ', match: false },
      { text: 'vetting', match: true },
      { text: ' note', match: false },
    ]);
    expect(snippet('no match', searchWords('vetting'))).toBeNull();
  });
});
