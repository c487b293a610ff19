import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { paperId, type IssuedPaper } from '@hmicfrs/lifecycle';
import { ReadWorkers } from '@hmicfrs/export';
import { JacReportService, PeopleQueries, compareJac, type JacComparison, type JacInputs, type JacRequest } from '@hmicfrs/projections';
import { IssuedPaperRecord, type CommandRequest } from '@hmicfrs/workflow';
import { PaperDoesNotMatch, PaperNotIssued } from './paper-errors';

/** The committee's dates, as the liaison officer gives them (YYYY-MM-DD). */
export interface PaperDates {
  asAt: string;
  previous: string;
  since: string;
}

const CONTACT_TITLE = 'HMICFRS Force Liaison Officer';

/**
 * "Issue the paper" (docs/architecture.md, "The JAC report"): the Word paper drawn up from the record as
 * it stands now, and the fact that it was sent recorded with everything needed to draw it up again byte
 * for byte (the dates, `knownAt`, the contact officer, its SHA-256, the latest checkpoint); later, the
 * same paper again, and its figures against the record as it stands then.
 */
@Injectable()
export class CommitteePapers {
  constructor(
    private readonly record: IssuedPaperRecord,
    private readonly jac: JacReportService,
    private readonly reads: ReadWorkers,
    private readonly people: PeopleQueries,
  ) {}

  async issue(dates: PaperDates, request: CommandRequest): Promise<{ paper: IssuedPaper; document: Buffer }> {
    const contact = { name: this.nameOf(request.actor.userId), title: CONTACT_TITLE };
    const { period, seal, document } = await this.draw(dates, contact);
    const paper = await this.record.issue(
      {
        type: 'ISSUE_PAPER',
        id: paperId(dates.asAt),
        committeeDate: dates.asAt,
        previousCommitteeDate: dates.previous,
        countedFrom: dates.since,
        knownAt: period.knownAt,
        contact,
        sha256: sha256(document),
        checkpoint:
          seal === null
            ? null
            : { sequence: seal.sequence, position: seal.position, count: seal.count, root: seal.root, keyFingerprint: seal.keyFingerprint },
      },
      request,
    );
    return { paper, document };
  }

  async paper(id: string): Promise<IssuedPaper> {
    const paper = await this.record.paper(id);
    if (paper === undefined) throw new PaperNotIssued(id);
    return paper;
  }

  /** The issued paper drawn up again; refused when it no longer hashes to what was issued. */
  async document(id: string): Promise<{ paper: IssuedPaper; document: Buffer }> {
    const paper = await this.paper(id);
    const { document } = await this.draw(this.request(paper), paper.contact);
    const drawnUp = sha256(document);
    if (drawnUp !== paper.sha256) throw new PaperDoesNotMatch(paper.id, paper.sha256, drawnUp);
    return { paper, document };
  }

  /** The issued paper's figures against the same paper from the record as it stands now. */
  async comparison(id: string): Promise<JacComparison & { paper: IssuedPaper }> {
    const paper = await this.paper(id);
    const { knownAt: _, ...now } = this.request(paper);
    const [issued, today] = await Promise.all([this.reads.jacReport(this.request(paper)), this.reads.jacReport(now)]);
    return { paper, ...compareJac(issued, today, this.jac.recordedLater(issued.period)) };
  }

  /** The Word paper, drawn up off the request thread (names from the directory, an id nobody added for itself). */
  private async draw(request: JacRequest, contact: IssuedPaper['contact']): Promise<JacInputs & { document: Buffer }> {
    const { file, ...inputs } = await this.reads.jacFile(request, 'docx', contact);
    return { ...inputs, document: file as Buffer };
  }

  private request(paper: IssuedPaper) {
    return { asAt: paper.committeeDate, previous: paper.previousCommitteeDate, since: paper.countedFrom, knownAt: paper.knownAt };
  }

  private nameOf(userId: string): string {
    return this.people.nameOf(userId) ?? userId;
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
