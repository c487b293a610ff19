import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { paperId, type IssuedPaper } from '@hmicfrs/lifecycle';
import { JacReportService, PeopleQueries, compareJac, jacDocx, type JacComparison, type JacReport } from '@hmicfrs/projections';
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
    private readonly people: PeopleQueries,
  ) {}

  async issue(dates: PaperDates, request: CommandRequest): Promise<{ paper: IssuedPaper; document: Buffer }> {
    const report = await this.jac.jacReport(dates);
    const contact = { name: this.nameOf(request.actor.userId), title: CONTACT_TITLE };
    const document = await this.draw(report, contact);
    const { seal } = report;
    const paper = await this.record.issue(
      {
        type: 'ISSUE_PAPER',
        id: paperId(dates.asAt),
        committeeDate: dates.asAt,
        previousCommitteeDate: dates.previous,
        countedFrom: dates.since,
        knownAt: report.period.knownAt,
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
    const document = await this.draw(await this.jac.jacReport(this.request(paper)), paper.contact);
    const drawnUp = sha256(document);
    if (drawnUp !== paper.sha256) throw new PaperDoesNotMatch(paper.id, paper.sha256, drawnUp);
    return { paper, document };
  }

  /** The issued paper's figures against the same paper from the record as it stands now. */
  async comparison(id: string): Promise<JacComparison & { paper: IssuedPaper }> {
    const paper = await this.paper(id);
    const issued = await this.jac.jacReport(this.request(paper));
    const { knownAt: _, ...now } = this.request(paper);
    const today = await this.jac.jacReport(now);
    return { paper, ...compareJac(issued, today, this.jac.recordedLater(issued.period)) };
  }

  private draw(report: JacReport, contact: IssuedPaper['contact']): Promise<Buffer> {
    return jacDocx(report, { nameOf: (userId) => this.nameOf(userId), contact });
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
