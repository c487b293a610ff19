import { Inject, Injectable, Optional } from '@nestjs/common';
import { CLOCK, type Clock } from '@hmicfrs/clock';
import { EVENT_STORE, type EventStore } from '@hmicfrs/event-store';
import { decideIssuedPaper, paperStream, replayIssuedPaper, type IssuePaper, type IssuedPaper } from '@hmicfrs/lifecycle';
import { CommandPipeline, type FoldedStreams } from './command-pipeline';
import type { CommandRequest } from './command-request';
import { allow, decided } from './decided';
import { HISTORY_INTEGRITY, type HistoryIntegrity } from './history-integrity';

/**
 * Committee papers as issued (docs/architecture.md, "The JAC report"), one stream each
 * (`paper-<id>`), written through the one command pipeline under the policy's `paper.issue`. What a
 * paper says is the report's; this records that it was sent, and from which point of the record.
 */
@Injectable()
export class IssuedPaperRecord {
  private readonly pipeline: CommandPipeline;
  private readonly papers: FoldedStreams<IssuedPaper>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) clock: Clock,
    @Optional() @Inject(HISTORY_INTEGRITY) integrity?: HistoryIntegrity,
  ) {
    this.pipeline = new CommandPipeline(store, clock, integrity);
    this.papers = this.pipeline.streams<IssuedPaper>(
      { fold: (events) => replayIssuedPaper(events), evolve: (_, facts) => facts[0].data as IssuedPaper },
      0,
    );
  }

  async issue(command: IssuePaper, request: CommandRequest): Promise<IssuedPaper> {
    const written = await this.pipeline.handle(
      this.papers,
      {
        stream: paperStream(command.id),
        command,
        // The committee's dates are what was asked; the document's hash and the time it was drawn up change on a retry.
        sent: {
          committeeDate: command.committeeDate,
          previousCommitteeDate: command.previousCommitteeDate,
          countedFrom: command.countedFrom,
        },
        check: () => allow(request.actor, 'paper.issue'),
        decide: (paper) => decided(decideIssuedPaper(paper, command)),
      },
      request,
    );
    return written.state;
  }

  /** The paper as issued, or undefined when none was. */
  async paper(id: string): Promise<IssuedPaper | undefined> {
    return (await this.papers.current(paperStream(id)))?.state;
  }
}
