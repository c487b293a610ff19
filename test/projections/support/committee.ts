import type { EventStore } from '@hmicfrs/event-store';
import {
  decide,
  decideInspectionReport,
  evolve,
  type InspectionType,
  type ItemKind,
  type LifecycleCommand,
  type Level,
  type Rag,
  type RecommendationState,
} from '@hmicfrs/lifecycle';
import { DCC, HMICFRS, LIAISON, OWNER, domainEvents } from './histories';

/** A register built command by command through `decide`, each fact dated when it happened (as an import would). */
export class CommitteeRegister {
  constructor(private readonly store: EventStore) {}

  async inspection(id: string, title: string, publishedOn: string, reportType: InspectionType = 'thematic'): Promise<void> {
    const decision = decideInspectionReport(undefined, {
      type: 'RECORD_INSPECTION_REPORT',
      id,
      reportType,
      title,
      publishedOn,
    });
    if (!decision.ok) throw new Error(decision.refusal.message);
    await this.store.append(`inspection-${id}`, domainEvents(decision.events, LIAISON, `${publishedOn}T09:00:00.000Z`), 'no_stream');
  }

  async item(
    id: string,
    fields: { kind: ItemKind; level: Level; inspectionId: string; openedOn: string; dueDate?: string },
  ): Promise<Item> {
    const decision = decide(
      undefined,
      {
        type: 'OPEN_RECOMMENDATION',
        id,
        reference: id,
        kind: fields.kind,
        inspectionId: fields.inspectionId,
        text: `${fields.kind} ${id}`,
        level: fields.level,
        addressee: 'Chief Constables',
        portfolio: 'Public Protection',
        owner: OWNER.userId,
        ...(fields.dueDate ? { dueDate: fields.dueDate } : {}),
      },
      LIAISON,
    );
    if (!decision.ok) throw new Error(decision.refusal.message);
    const item = new Item(this.store, id, decision.events.reduce<RecommendationState | undefined>(evolve, undefined)!);
    await this.store.append(
      `recommendation-${id}`,
      domainEvents(decision.events, LIAISON, `${fields.openedOn}T10:00:00.000Z`),
      'no_stream',
    );
    return item;
  }
}

export class Item {
  constructor(
    private readonly store: EventStore,
    readonly id: string,
    private state: RecommendationState,
  ) {}

  rate(rag: Rag, on: string): Promise<this> {
    return this.do({ type: 'RATE', rag }, OWNER, on);
  }

  /** RAG rated, the evidence attached (with the Chief Constable's letter), and submitted for closure. */
  async submit(on: string): Promise<this> {
    if (this.state.context.rag === null) await this.rate('green', on);
    const letter = this.state.context.evidence.length === 0;
    if (letter) {
      await this.do(
        {
          type: 'ATTACH_EVIDENCE',
          evidenceId: 'cc-letter',
          title: 'Chief Constable letter',
          heldElsewhere: { location: 'Force file share', description: 'Held by the force' },
          sha256: 'c'.repeat(64),
          isChiefConstableLetter: true,
        },
        OWNER,
        on,
      );
    }
    return this.do({ type: 'SUBMIT' }, OWNER, on);
  }

  /** As the DCC approves on the page: an item not rated Green with its rating confirmed. */
  approve(on: string): Promise<this> {
    return this.do({ type: 'APPROVE', confirmRating: this.state.context.rag !== 'green' }, DCC, on);
  }

  return(on: string): Promise<this> {
    return this.do({ type: 'RETURN', reason: 'More evidence needed' }, DCC, on);
  }

  verify(on: string): Promise<this> {
    return this.do({ type: 'VERIFY' }, HMICFRS, on);
  }

  /** Signed off as complete: approved, and verified where the level needs HMICFRS. */
  async signOff(on: string): Promise<this> {
    await this.approve(on);
    return this.state.context.level === 2 ? this : this.verify(on);
  }

  notApplicable(on: string): Promise<this> {
    return this.do({ type: 'MARK_NOT_APPLICABLE', reason: 'For the NPCC', addressedTo: 'NPCC' }, LIAISON, on);
  }

  private async do(command: LifecycleCommand, actor: typeof OWNER, on: string): Promise<this> {
    const decision = decide(this.state, command, actor);
    if (!decision.ok) throw new Error(`${this.id} ${command.type}: ${decision.refusal.message}`);
    this.state = decision.events.reduce(evolve, this.state);
    await this.store.append(`recommendation-${this.id}`, domainEvents(decision.events, actor, `${on}T12:00:00.000Z`), 'any');
    return this;
  }
}

/** `count` items made alike, numbered from `first`. */
export async function many(count: number, make: (n: number) => Promise<unknown>): Promise<void> {
  for (let n = 0; n < count; n += 1) await make(n);
}
