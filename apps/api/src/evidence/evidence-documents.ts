import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { AccessDenied, permits, type Actor } from '@hmicfrs/auth';
import { EVENT_STORE, type EventStore } from '@hmicfrs/event-store';
import {
  EVIDENCE_STORE,
  EvidenceIntake,
  EvidenceNotFound,
  EvidenceRefused,
  type EvidenceStore,
  type UploadedDocument,
} from '@hmicfrs/evidence';
import { isStoredDocument, recommendationStream, upcast, type LifecycleCommand, type StoredDocument } from '@hmicfrs/lifecycle';
import { CommandRefused, COMMAND_ACTIONS, RecommendationWorkflow, type CommandRequest, type ItemOutcome } from '@hmicfrs/workflow';
import { discardAll, type EvidenceUpload } from './evidence-upload';

/** What the uploader said about the files: the title (or each file's own name), and whether it is the Chief Constable letter. */
export interface UploadDescription {
  title?: string;
  isChiefConstableLetter: boolean;
}

/**
 * Evidence documents on an item: uploads kept and recorded through the workflow (ATTACH_EVIDENCE, one
 * command per file), and documents opened under the policy's `evidence.read`. docs/architecture.md,
 * "Evidence documents".
 */
@Injectable()
export class EvidenceDocuments {
  constructor(
    private readonly workflow: RecommendationWorkflow,
    private readonly intake: EvidenceIntake,
    @Inject(EVIDENCE_STORE) private readonly store: EvidenceStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  /**
   * Each staged file kept under its hash and recorded as `EvidenceAttached`, in order. Before anything is
   * kept, every command is asked of the item (the policy for the actor, then the lifecycle), so a refused
   * upload stores nothing; a file kept whose event a crash or a race prevented is an orphan for `cli evidence gc`.
   */
  async attach(id: string, upload: EvidenceUpload, description: UploadDescription, request: CommandRequest): Promise<ItemOutcome[]> {
    const { files } = upload;
    try {
      if (upload.refused) throw upload.refused;
      if (files.length === 0) throw new EvidenceRefused('no_file', 'Choose a file to upload (the form field "file")');
      const commands = files.map((file) => attachCommand(file, description, files.length));
      const requests = files.map((_, index) => {
        if (request.idempotencyKey === undefined) return request;
        return { ...request, idempotencyKey: files.length === 1 ? request.idempotencyKey : `${request.idempotencyKey}:${index + 1}` };
      });
      // The same upload sent again (its key): the first answer, before the item, which now holds the files, refuses them.
      const retried = await Promise.all(commands.map((command, index) => this.workflow.retried(id, command, requests[index])));
      if (retried.every((outcome) => outcome !== undefined)) return retried as ItemOutcome[];
      await this.check(id, commands, request.actor);
      const outcomes: ItemOutcome[] = [];
      for (const [index, file] of files.entries()) {
        await this.store.keep(file.staged);
        outcomes.push(await this.workflow.execute(id, commands[index], requests[index]));
      }
      return outcomes;
    } finally {
      // Kept files are no longer staged: discarding them is nothing.
      await discardAll(this.intake, files);
    }
  }

  /** The document and its bytes, if the actor may open it: the policy's `evidence.read`, on this item. */
  async open(id: string, evidenceId: string, actor: Actor): Promise<{ document: StoredDocument; bytes: Readable }> {
    const view = await this.workflow.item(id, actor);
    const permission = permits(actor, 'evidence.read', view.item);
    if (!permission.allowed) throw new AccessDenied(permission.reason);
    const document = await this.documentOf(id, evidenceId);
    return { document, bytes: await this.store.open(document.sha256) };
  }

  /** The document under that id as last attached in the item's history (a removed one too: the history still names it). */
  private async documentOf(id: string, evidenceId: string): Promise<StoredDocument> {
    let found: ReturnType<typeof upcast> | undefined;
    for (const recorded of await this.events.readStream(recommendationStream(id))) {
      if (recorded.type !== 'EvidenceAttached') continue;
      const event = upcast(recorded);
      if (event.type === 'EvidenceAttached' && event.data.evidenceId === evidenceId) found = event;
    }
    if (found === undefined || found.type !== 'EvidenceAttached')
      throw new EvidenceNotFound(id, evidenceId, 'no evidence of that id was attached');
    if (!isStoredDocument(found.data)) throw new EvidenceNotFound(id, evidenceId, 'it is a reference to a document held elsewhere');
    return found.data;
  }

  private async check(id: string, commands: LifecycleCommand[], actor: Actor): Promise<void> {
    const view = await this.workflow.item(id, actor);
    const permission = permits(actor, COMMAND_ACTIONS.ATTACH_EVIDENCE, view.item);
    if (!permission.allowed) throw new AccessDenied(permission.reason);
    const [refusal] = await this.workflow.refusals(id, commands, actor);
    if (refusal) throw new CommandRefused(refusal);
    const ids = commands.map((command) => (command.type === 'ATTACH_EVIDENCE' ? command.evidenceId : ''));
    if (new Set(ids).size !== ids.length)
      throw new EvidenceRefused('duplicate', 'The same file was chosen twice: choose each document once');
  }
}

/** A document's evidence id is its hash's: the same bytes twice on one item is the same evidence, refused as already attached. */
export function documentEvidenceId(sha256: string): string {
  return `doc-${sha256.slice(0, 16)}`;
}

function attachCommand(file: UploadedDocument, description: UploadDescription, count: number): LifecycleCommand {
  const title =
    description.title === undefined ? file.fileName : count === 1 ? description.title : `${description.title}: ${file.fileName}`;
  return {
    type: 'ATTACH_EVIDENCE',
    evidenceId: documentEvidenceId(file.staged.sha256),
    title,
    isChiefConstableLetter: description.isChiefConstableLetter,
    sha256: file.staged.sha256,
    file: { name: file.fileName, mediaType: file.staged.mediaType, size: file.staged.size },
  };
}
