import { RANKED_AT_MOST, RegisterProjection, SearchProjection, naturalKey, type RegisterEntry } from '@hmicfrs/projections';
import type { DomainEvent } from '@hmicfrs/lifecycle';
import { appendAll, domainEvents, inspectionRecorded, LIAISON, type Append } from './support/histories';
import { openReadSide, type ReadSide } from './support/read-side';

const opened = (reference: string, text: string, inspectionId: string, owner?: string): DomainEvent => ({
  type: 'RecommendationOpened',
  data: {
    id: reference,
    reference,
    kind: 'recommendation',
    inspectionId,
    text,
    level: 3,
    addressee: 'Chief Constables',
    portfolio: 'Professional Standards',
    ...(owner === undefined ? {} : { owner }),
  },
});
const item = (reference: string, facts: DomainEvent[]): Append => ({
  streamId: `recommendation-${reference}`,
  events: domainEvents(facts, LIAISON, '2023-01-10T10:00:00.000Z'),
});
const person = (id: string, name: string): Append => ({
  streamId: `person-${id}`,
  events: domainEvents(
    [{ type: 'PersonAdded', data: { id, name, email: null, roles: ['owner'], portfolio: null, source: 'directory' } }],
    LIAISON,
    '2022-01-01T09:00:00.000Z',
  ),
});

const VETTING = 'vetting-2022';
const PEEL = 'peel-2023';

/** Free-text search: the FTS5 read model kept by the projector, asked through the register's queries. */
describe('searching the register', () => {
  let side: ReadSide;
  const search = (words: string, sort: 'relevance' | 'reference' = 'relevance') =>
    side.register.list({ search: words }, { limit: 50, offset: 0, sort, descending: false }, '2024-01-01');
  const references = (items: RegisterEntry[]) => items.map((entry) => entry.reference);

  beforeAll(async () => {
    side = openReadSide({ projections: [new RegisterProjection(), new SearchProjection()] });
    await appendAll(side.store, [
      person('supt-patel', 'Supt Asha Patel'),
      inspectionRecorded(VETTING, 'An inspection of vetting, misconduct and misogyny in the police service', '2022-11-02'),
      inspectionRecorded(PEEL, 'PEEL 2023–25: an inspection of West Midlands Police', '2023-09-29'),
      item('33', [
        opened('33', 'Forces should make sure their vetting decisions are recorded with the reasons for them', VETTING, 'supt-patel'),
      ]),
      item('10618', [opened('10618', 'The force should improve its response to domestic abuse', PEEL)]),
      item('AFI-10', [opened('AFI-10', 'The force should review its use of stop and search', PEEL)]),
      item('AFI-2', [
        opened('AFI-2', 'The force should improve how it supervises investigations', PEEL),
        {
          type: 'ProgressNoted',
          data: { text: 'Agreed with the regional vetting unit; a new supervision policy is out for consultation' },
        },
      ]),
      item('9', [opened('9', 'Counter-corruption units should have enough resources', VETTING)]),
      item('AFI-3', [opened('AFI-3', 'The force should make sure <b>café</b> staff are trained', PEEL)]),
    ]);
    // An owner assigned later still finds the item by name.
    await side.store.append(
      'recommendation-10618',
      domainEvents([{ type: 'OwnerAssigned', data: { owner: 'supt-patel' } }], LIAISON, '2023-02-01T10:00:00.000Z'),
      'any',
    );
    await side.projector.catchUp();
  });
  afterAll(() => side.close());

  it('"vetting" finds the items whose wording, report title or notes say it, the wording first', () => {
    const found = search('vetting');
    expect(found.total).toBe(3);
    // bm25 with the wording weighing more than the report's title, and the title more than the notes.
    expect(references(found.items)).toEqual(['33', '9', 'AFI-2']);
  });

  it('marks the words that matched, in the wording and in a snippet of the notes', () => {
    const byReference = new Map(search('vetting').items.map((entry) => [entry.reference, entry]));
    expect(byReference.get('33')!.match!.text).toContainEqual({ text: 'vetting', match: true });
    expect(byReference.get('33')!.match!.notes).toBeNull();
    expect(byReference.get('AFI-2')!.match!.notes).toContainEqual({ text: 'vetting', match: true });
    expect(byReference.get('AFI-2')!.match!.text.every((piece) => !piece.match)).toBe(true);
  });

  it('a word is a prefix, every word must match, and case and accents do not matter', () => {
    expect(references(search('VET decisions').items)).toEqual(['33']);
    expect(references(search('cafe').items)).toEqual(['AFI-3']);
    expect(search('vetting domestic').total).toBe(0);
  });

  it("finds items by reference, by the report's title and by the owner's name", () => {
    expect(references(search('10618').items)).toEqual(['10618']);
    expect(references(search('West Midlands', 'reference').items)).toEqual(['10618', 'AFI-2', 'AFI-3', 'AFI-10']);
    expect(references(search('Patel', 'reference').items)).toEqual(['33', '10618']);
  });

  it('what is typed is never FTS5 syntax: quotes, stars, NEAR and column filters are words or nothing', () => {
    for (const typed of ['"', '*', 'NEAR(vetting', 'text:vetting', 'vetting OR domestic', '^', '-', '(((']) {
      expect(() => search(typed)).not.toThrow();
    }
    expect(search('text:vetting').total).toBe(0);
    // No word at all searches for nothing: the whole register.
    expect(search('*').total).toBe(6);
  });

  it('the matched text is plain text: markup in the wording comes back as text, for the page to escape', () => {
    const [entry] = search('café').items;
    expect(entry.match!.text.map((piece) => piece.text).join('')).toBe('The force should make sure <b>café</b> staff are trained');
  });

  it('references sort as people count them: 9 and 33 before 10618, AFI-2 before AFI-10', () => {
    const all = side.register.list({}, { limit: 50, offset: 0, sort: 'reference', descending: false }, '2024-01-01');
    expect(references(all.items)).toEqual(['9', '33', '10618', 'AFI-2', 'AFI-3', 'AFI-10']);
    const backwards = side.register.list({}, { limit: 50, offset: 0, sort: 'reference', descending: true }, '2024-01-01');
    expect(references(backwards.items)).toEqual(['AFI-10', 'AFI-3', 'AFI-2', '10618', '33', '9']);
    expect(naturalKey('AFI-007') === naturalKey('afi-7')).toBe(true);
  });

  it('counts the items per addressee as the register holds them, as the projector keeps them and as a rebuild makes them', async () => {
    const counted = side.database.db
      .prepare('SELECT addressee, count(*) AS items FROM register GROUP BY addressee ORDER BY addressee COLLATE NOCASE')
      .all();
    expect(side.register.addressees()).toEqual([{ addressee: 'Chief Constables', items: 6 }]);
    expect(side.register.addressees()).toEqual(counted);
    await side.rebuilder.rebuild(['register']);
    expect(side.register.addressees()).toEqual(counted);
  });

  it('a rebuild makes the index again from the log', async () => {
    side.database.db.exec('DELETE FROM search_index');
    expect(search('vetting').total).toBe(0);
    await side.rebuilder.rebuild(['search']);
    expect(search('vetting').total).toBe(3);
    expect(references(search('Patel', 'reference').items)).toEqual(['33', '10618']);
  });
});

/** A word most items hold: only the most recently added RANKED_AT_MOST hits are ranked, the rest follow, newest first. */
describe('searching for a word more than a thousand items hold', () => {
  let side: ReadSide;
  const page = (offset: number, limit = 50) =>
    side.register.list({ search: 'force' }, { limit, offset, sort: 'relevance', descending: false }, '2024-01-01');
  const OLD = ['OLD-1', 'OLD-2', 'OLD-3'];

  beforeAll(async () => {
    side = openReadSide({ projections: [new RegisterProjection(), new SearchProjection()] });
    // The first added say "force" three times: ranked with every hit they would come first.
    const old = OLD.map((reference) => item(reference, [opened(reference, 'The force force force should', PEEL)]));
    const recent = Array.from({ length: RANKED_AT_MOST }, (_, i) =>
      item(`N-${i}`, [opened(`N-${i}`, `The force should improve case file quality in area ${i}`, PEEL)]),
    );
    await appendAll(side.store, [inspectionRecorded(PEEL, 'PEEL 2023–25', '2023-09-29'), ...old, ...recent]);
    await side.projector.catchUp();
  });
  afterAll(() => side.close());

  it('counts every hit, ranks the newest thousand best first, and says so', () => {
    const first = page(0);
    expect(first.total).toBe(RANKED_AT_MOST + OLD.length);
    expect(first.rankedAmong).toBe(RANKED_AT_MOST);
    expect(first.items.map((entry) => entry.reference)).not.toEqual(expect.arrayContaining(['OLD-3']));
    expect(first.items[0].match?.text.some((piece) => piece.match)).toBe(true);
  });

  it('the unranked rest follow the ranked, newest first, and a page may hold both', () => {
    const across = page(RANKED_AT_MOST - 10);
    expect(across.items).toHaveLength(10 + OLD.length);
    expect(across.items.slice(10).map((entry) => entry.reference)).toEqual(['OLD-3', 'OLD-2', 'OLD-1']);
    expect(page(RANKED_AT_MOST).items.map((entry) => entry.reference)).toEqual(['OLD-3', 'OLD-2', 'OLD-1']);
    const every = new Set<string>();
    for (let offset = 0; offset < RANKED_AT_MOST + OLD.length; offset += 200)
      for (const entry of page(offset, 200).items) every.add(entry.id);
    expect(every.size).toBe(RANKED_AT_MOST + OLD.length);
  });

  it('sorted by a column, walking the register in that order among the hits gives what looking up every hit gives', () => {
    // Every item here is at level 3: the filter drops none, but sends the search the other way (each hit looked up).
    const sorted = (filter: { level?: 3 }, sort: 'reference' | 'dueDate', offset: number, descending = false) =>
      side.register.list({ search: 'force', ...filter }, { limit: 50, offset, sort, descending }, '2024-01-01');
    for (const [sort, offset, descending] of [
      ['reference', 0, false],
      ['reference', 980, false],
      ['reference', 0, true],
      ['dueDate', 500, false],
    ] as const) {
      const walked = sorted({}, sort, offset, descending);
      const lookedUp = sorted({ level: 3 }, sort, offset, descending);
      expect(walked.total).toBe(RANKED_AT_MOST + OLD.length);
      expect(walked.items.length).toBeGreaterThan(0);
      expect(walked.items.map((entry) => entry.id)).toEqual(lookedUp.items.map((entry) => entry.id));
      expect(walked.items[0].match?.text.some((piece) => piece.match)).toBe(true);
    }
    expect(
      sorted({}, 'reference', 0)
        .items.slice(0, 3)
        .map((entry) => entry.reference),
    ).toEqual(['N-0', 'N-1', 'N-2']);
    expect(sorted({}, 'reference', RANKED_AT_MOST).items.map((entry) => entry.reference)).toEqual(OLD);
  });

  it('a filtered search ranks every hit (the filter, not the index, picks the page)', () => {
    expect(
      side.register.list({ search: 'force', level: 3 }, { limit: 5, offset: 0, sort: 'relevance', descending: false }, '2024-01-01'),
    ).toMatchObject({
      total: RANKED_AT_MOST + OLD.length,
      items: [{ reference: 'OLD-1' }, { reference: 'OLD-2' }, { reference: 'OLD-3' }, {}, {}],
    });
  });
});
