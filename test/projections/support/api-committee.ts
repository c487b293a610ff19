import type { GradedArea, InspectionType, ItemKind, Level, Rag } from '@hmicfrs/lifecycle';
import type { RunningApi } from '../../support/running-api';
import { bytesOf, readDocx, type ReadDocx } from './docx-tables';
import { CC_LETTER, as } from './http';

/** The demo's people (apps/cli/demo/people.json), in the roles they act in. */
export const PEOPLE = ['supt-patel', 'flo-fletcher', 'dcc-green', 'hmi-cooper'];

/**
 * A register entered as the force enters it: over the JSON API, each fact with the day it happened
 * (`occurredAt`), by the person whose role takes it: the liaison officer records reports and items,
 * the owner rates, attaches and submits, the DCC approves, HMICFRS verifies.
 */
export class ApiCommittee {
  private readonly liaison = () => as(this.api, 'flo-fletcher', 'liaison');
  private readonly owner = () => as(this.api, 'supt-patel', 'owner');
  private readonly dcc = () => as(this.api, 'dcc-green', 'dcc');
  private readonly hmicfrs = () => as(this.api, 'hmi-cooper', 'hmicfrs');

  constructor(private readonly api: RunningApi) {}

  async inspection(
    id: string,
    title: string,
    publishedOn: string,
    reportType: InspectionType = 'thematic',
    gradings?: GradedArea[],
  ): Promise<void> {
    await this.liaison()
      .post('/inspections', { id, reportType, title, publishedOn, occurredAt: at(publishedOn), ...(gradings ? { gradings } : {}) })
      .expect(201);
  }

  /** HMICFRS's fieldwork in force, recorded on `on` (when announced or held), and its debrief when given. */
  async activity(
    on: string,
    fields: {
      id: string;
      inspectionType: InspectionType;
      title: string;
      fieldworkFrom: string;
      fieldworkTo: string;
      revisits?: string[];
      purpose?: string;
    },
    debrief?: { on: string; notes: string },
  ): Promise<void> {
    await this.liaison()
      .post('/inspection-activity', { ...fields, occurredAt: at(on) })
      .expect(201);
    if (debrief) {
      await this.liaison()
        .post(`/inspection-activity/${fields.id}/debrief`, { notes: debrief.notes, occurredAt: at(debrief.on) })
        .expect(200);
    }
  }

  async item(
    id: string,
    fields: { kind: ItemKind; level: Level; inspectionId: string; openedOn: string; text?: string },
  ): Promise<ApiItem> {
    const { openedOn, ...rest } = fields;
    await this.liaison()
      .post('/recommendations', {
        reference: id,
        text: `${fields.kind} ${id}`,
        addressee: 'Chief Constables',
        portfolio: 'Public Protection',
        owner: 'supt-patel',
        occurredAt: at(openedOn),
        ...rest,
      })
      .expect(201);
    return this.existing(id, fields.level);
  }

  /** An item already on the register, to act on. */
  existing(id: string, level: Level): ApiItem {
    return new ApiItem(id, { owner: this.owner, dcc: this.dcc, hmicfrs: this.hmicfrs, liaison: this.liaison }, level);
  }

  /** The Word paper, downloaded as a committee secretary downloads it, and read back. */
  async paper(query: { asAt: string; previous: string; since: string; knownAt?: string }): Promise<ReadDocx> {
    const response = await this.docx(query);
    return readDocx(response);
  }

  async docx(query: Record<string, string | undefined>): Promise<Buffer> {
    await this.api.readModelsCaughtUp();
    const search = new URLSearchParams({ ...(query as Record<string, string>), format: 'docx' }).toString();
    const response = await as(this.api, 'audit-khan', 'auditor').get(`/reports/jac?${search}`).buffer(true).parse(bytesOf).expect(200);
    return response.body as Buffer;
  }
}

type Requester = () => ReturnType<typeof as>;

export class ApiItem {
  private rag: Rag | undefined;

  constructor(
    readonly id: string,
    private readonly people: Record<'owner' | 'dcc' | 'hmicfrs' | 'liaison', Requester>,
    private readonly level: Level,
  ) {}

  async rate(rag: Rag, on: string): Promise<this> {
    await this.people
      .owner()
      .post(`/recommendations/${this.id}/rate`, { rag, occurredAt: at(on) })
      .expect(200);
    this.rag = rag;
    return this;
  }

  /** RAG rated, the Chief Constable's letter attached (held on the force's file share), and submitted for closure. */
  async submit(on: string): Promise<this> {
    if (this.rag === undefined) await this.rate('green', on);
    await this.people
      .owner()
      .post(`/recommendations/${this.id}/evidence`, { ...CC_LETTER, occurredAt: at(on) })
      .expect(200);
    await this.people
      .owner()
      .post(`/recommendations/${this.id}/submit`, { occurredAt: at(on) })
      .expect(200);
    return this;
  }

  /** Approved by the DCC (an item not rated Green with its rating confirmed), and verified by HMICFRS where the level needs it. */
  async signOff(on: string): Promise<this> {
    await this.people
      .dcc()
      .post(`/recommendations/${this.id}/approve`, { occurredAt: at(on, 14), confirmRating: this.rag !== 'green' })
      .expect(200);
    if (this.level !== 2)
      await this.people
        .hmicfrs()
        .post(`/recommendations/${this.id}/verify`, { occurredAt: at(on, 15), inspectionName: 'PEEL fieldwork' })
        .expect(200);
    return this;
  }

  async notApplicable(on: string, addressedTo = 'NPCC'): Promise<this> {
    await this.people
      .liaison()
      .post(`/recommendations/${this.id}/not-applicable`, { reason: `For the ${addressedTo}`, addressedTo, occurredAt: at(on) })
      .expect(200);
    return this;
  }
}

/** `count` alike, made a few at a time (different items' streams never wait for one another). */
export async function many(count: number, make: (n: number) => Promise<unknown>, parallel = 6): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next;
      next += 1;
      await make(n);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
}

function at(day: string, hour = 10): string {
  return `${day}T${String(hour).padStart(2, '0')}:00:00Z`;
}
