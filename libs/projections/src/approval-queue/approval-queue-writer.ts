import type { Database, Statement } from 'better-sqlite3';
import type { ProjectedEvent } from '../projected-event';
import type { ReadModelBatch, ReadModelWriter, TableName } from '../runtime/projection';

interface Statements {
  addItem: Statement<[string, string, string, string, string, number, string | null]>;
  setLevel: Statement<[number, string]>;
  setOwner: Statement<[string, string]>;
  enqueue: Statement<[string, string, string, string]>;
  dequeue: Statement<[string]>;
}

export class ApprovalQueueWriter implements ReadModelWriter, ReadModelBatch {
  private readonly statements: Statements;

  constructor(db: Database, t: TableName) {
    this.statements = {
      addItem: db.prepare(
        `INSERT OR REPLACE INTO ${t('approval_items')} (id, reference, kind, inspection_id, text, level, owner) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      setLevel: db.prepare(`UPDATE ${t('approval_items')} SET level = ? WHERE id = ?`),
      setOwner: db.prepare(`UPDATE ${t('approval_items')} SET owner = ? WHERE id = ?`),
      enqueue: db.prepare(
        `INSERT OR REPLACE INTO ${t('approval_queue')} (item_id, submitted_at, submitted_by, evidence) VALUES (?, ?, ?, ?)`,
      ),
      dequeue: db.prepare(`DELETE FROM ${t('approval_queue')} WHERE item_id = ?`),
    };
  }

  /** Every statement goes straight to the database: the batch keeps nothing of its own. */
  batch(): ReadModelBatch {
    return this;
  }

  finish(): void {}

  apply({ subject, fact, metadata }: ProjectedEvent): void {
    const s = this.statements;
    switch (fact.type) {
      case 'RecommendationOpened': {
        const { reference, kind, inspectionId, text, level, owner } = fact.data;
        s.addItem.run(subject, reference, kind, inspectionId, text, level, owner ?? null);
        return;
      }
      case 'LevelChanged':
        s.setLevel.run(fact.data.to, subject);
        return;
      case 'ClosedAndArchived':
        s.setLevel.run(1, subject);
        s.dequeue.run(subject);
        return;
      case 'OwnerAssigned':
        s.setOwner.run(fact.data.owner, subject);
        return;
      case 'SubmittedForClosure':
        s.enqueue.run(subject, metadata.occurredAt, fact.data.submittedBy, JSON.stringify(fact.data.evidence));
        return;
      case 'SubmissionWithdrawn':
      case 'ClosureReturned':
      case 'SelfCertified':
      case 'SubmittedToHmicfrs':
        s.dequeue.run(subject);
        return;
      default:
        return;
    }
  }
}
