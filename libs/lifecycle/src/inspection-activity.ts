import { refuse, type Decision } from './decision';
import { EventDoesNotFit } from './errors';
import type { InspectionType, IsoDate } from './events';
import { upcast, type StoredEvent } from './upcast';

/**
 * HMICFRS in force (docs/architecture.md, "Events"): an inspection's fieldwork — PEEL, a thematic, a
 * JTAI, a re-visit of causes of concern, a super-complaint — recorded by the liaison officer when it is
 * announced or held; the papers list it as "inspection activity since the last JAC", or as forthcoming
 * while its fieldwork is still to come. What the early ("hot") debrief said is noted afterwards.
 */
export interface InspectionActivityRecorded {
  type: 'InspectionActivityRecorded';
  data: {
    id: string;
    inspectionType: InspectionType;
    /** "SOMS & OCSET re-visit", "Crime Investigations Thematic". */
    title: string;
    fieldworkFrom: IsoDate;
    fieldworkTo: IsoDate;
    /** The items (causes of concern) it returns to examine, by id. */
    revisits: string[];
    /** What it looks at, in the liaison officer's words. */
    purpose?: string;
  };
}

export interface InspectionDebriefNoted {
  type: 'InspectionDebriefNoted';
  data: { notes: string };
}

export type InspectionActivityEvent = InspectionActivityRecorded | InspectionDebriefNoted;

export type RecordInspectionActivity = { type: 'RECORD_INSPECTION_ACTIVITY' } & InspectionActivityRecorded['data'];
export interface NoteInspectionDebrief {
  type: 'NOTE_INSPECTION_DEBRIEF';
  notes: string;
}
export type InspectionActivityCommand = RecordInspectionActivity | NoteInspectionDebrief;

export type InspectionActivity = InspectionActivityRecorded['data'] & { debrief: string | null };

export function decideInspectionActivity(
  state: InspectionActivity | undefined,
  command: InspectionActivityCommand,
): Decision<InspectionActivityEvent> {
  if (command.type === 'NOTE_INSPECTION_DEBRIEF') {
    if (state === undefined) return refuse({ code: 'no_such_item', message: 'There is no such inspection activity' });
    return { ok: true, events: [{ type: 'InspectionDebriefNoted', data: { notes: command.notes } }] };
  }
  if (state !== undefined) return refuse({ code: 'already_exists', message: `Inspection activity ${state.id} is already recorded` });
  // ISO dates compare as strings.
  if (command.fieldworkTo < command.fieldworkFrom) return refuse({ code: 'invalid', message: 'Fieldwork cannot end before it starts' });
  if (new Set(command.revisits).size !== command.revisits.length) {
    return refuse({ code: 'invalid', message: 'A cause of concern is named once among those re-visited' });
  }
  const { type: _, purpose, ...data } = command;
  return { ok: true, events: [{ type: 'InspectionActivityRecorded', data: { ...data, ...(purpose ? { purpose } : {}) } }] };
}

export function evolveInspectionActivity(
  state: InspectionActivity | undefined,
  event: InspectionActivityEvent,
  index = 0,
): InspectionActivity {
  if (event.type === 'InspectionActivityRecorded' && state === undefined) return { ...event.data, debrief: null };
  if (event.type === 'InspectionDebriefNoted' && state !== undefined) return { ...state, debrief: event.data.notes };
  throw new EventDoesNotFit(event.type, 'an inspection activity', index);
}

/** The activity after its stream's events, carried on from `from` (its state up to an earlier revision) when given. */
export function replayInspectionActivity(
  stream: Iterable<StoredEvent>,
  from?: { state: InspectionActivity; revision: number },
): InspectionActivity | undefined {
  let state = from?.state;
  let index = from === undefined ? 0 : from.revision + 1;
  for (const stored of stream) {
    const event = upcast(stored);
    if (event.type !== 'InspectionActivityRecorded' && event.type !== 'InspectionDebriefNoted') {
      throw new EventDoesNotFit(event.type, 'an inspection activity', index);
    }
    state = evolveInspectionActivity(state, event, index);
    index += 1;
  }
  return state;
}
