import { randomUUID } from 'node:crypto';
import { SqliteEventStore, type NewEvent } from '@hmicfrs/event-store';
import { schemaVersions, type DomainEvent, type ItemKind, type Level } from '@hmicfrs/lifecycle';

/** A store of `items` items over `inspections` inspection reports, for benchmarks and load tests. Inspections, then every item's story in one append: opened, rated, noted; some re-dated; a third submitted. */
export async function buildRegisterStore(file: string, items: number, inspections: number): Promise<number> {
  const store = SqliteEventStore.open(file);
  let events = 0;
  for (let i = 0; i < inspections; i += 1) {
    await store.append(
      `inspection-insp-${i}`,
      stamped(
        [
          {
            type: 'InspectionReportRecorded',
            data: { id: `insp-${i}`, reportType: 'thematic', title: `Inspection report ${i}`, publishedOn: '2019-01-01' },
          },
        ],
        'flo-fletcher',
        'liaison',
        '2019-01-01T09:00:00.000Z',
      ),
      'no_stream',
    );
    events += 1;
  }
  for (let item = 0; item < items; item += 1) {
    const story = storyOf(item, inspections);
    await store.append(`recommendation-I${item}`, story, 'no_stream');
    events += story.length;
    if (item % 5_000 === 4_999) process.stderr.write(`\r  building the store: ${(item + 1).toLocaleString('en-GB')} items`);
  }
  if (items >= 5_000) process.stderr.write('\n');
  await store.close();
  return events;
}

/** What items say, in the papers' words: an eighth are about vetting, most name the force. */
const WORDINGS = [
  'The force should improve how it records, reviews and supervises investigations of domestic abuse',
  'Forces should make sure their vetting decisions are recorded with the reasons for them',
  'The force should make sure it identifies repeat and vulnerable victims at first contact',
  'Chief constables should review the use of stop and search powers',
  'The force should improve the timeliness of its response to emergency calls',
  'Counter-corruption units should have enough resources and capability',
  'The force should make sure officers understand the needs of people with mental health problems',
  'The force should improve its management of registered sex offenders',
];
const BOARDS = ['HMIC oversight board', 'force vetting board', 'PEEL programme board', 'public protection board', 'strategic board'];

function storyOf(item: number, inspections: number): NewEvent[] {
  const level = ([2, 3, 4] as const)[item % 3] as Level;
  const kind: ItemKind = (['recommendation', 'area_for_improvement', 'cause_of_concern'] as const)[item % 7 === 0 ? 2 : item % 2];
  const due = `202${item % 6}-0${1 + (item % 9)}-15`;
  const facts: DomainEvent[] = [
    {
      type: 'RecommendationOpened',
      data: {
        id: `I${item}`,
        reference: `I${item}`,
        kind,
        inspectionId: `insp-${item % inspections}`,
        level,
        text: WORDINGS[item % WORDINGS.length],
        addressee: 'Chief Constables',
        portfolio: 'Public Protection',
        owner: `owner-${item % 50}`,
        dueDate: due,
      },
    },
    { type: 'RagRated', data: { rag: (['red', 'amber', 'green'] as const)[item % 3] } },
    { type: 'ProgressNoted', data: { text: `Reviewed at the ${BOARDS[item % BOARDS.length]}; actions on track` } },
  ];
  if (item % 4 === 0)
    facts.push({ type: 'DueDateChanged', data: { from: due, to: '2026-03-31', reason: 'Waiting on the regional vetting unit' } });
  if (item % 3 === 1) {
    const letter = {
      evidenceId: 'cc-letter',
      title: 'Chief Constable letter',
      heldElsewhere: { location: 'Force file share', description: 'Held by the force' },
      sha256: 'c'.repeat(64),
      isChiefConstableLetter: true,
    };
    facts.push(
      { type: 'EvidenceAttached', data: letter },
      { type: 'SubmittedForClosure', data: { submittedBy: `owner-${item % 50}`, evidence: [letter] } },
    );
  }
  // One append, so one occurredAt; spread over the years so "as at" dates fall before and after.
  return stamped(facts, `owner-${item % 50}`, 'owner', `202${1 + (item % 3)}-0${1 + (item % 9)}-10T10:00:00.000Z`);
}

function stamped(facts: DomainEvent[], userId: string, role: string, occurredAt: string): NewEvent[] {
  const commandId = randomUUID();
  return facts.map((event) => ({
    type: event.type,
    data: event.data,
    metadata: {
      userId,
      role,
      commandId,
      correlationId: commandId,
      causationId: null,
      schemaVersion: schemaVersions[event.type],
      occurredAt,
    },
  }));
}
