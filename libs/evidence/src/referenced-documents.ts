import { streamCategory, type RecordedEvent } from '@hmicfrs/event-store';
import { isStoredDocument, upcast, type StoredDocument } from '@hmicfrs/lifecycle';
import type { EvidenceStore } from './evidence-store.port';

/** A document an event names: where, and what it says the bytes are. */
export interface DocumentReference {
  streamId: string;
  revision: number;
  evidenceId: string;
  sha256: string;
  size: number;
}

/**
 * Every stored document any item's history names, by hash, from the whole log: removed evidence too
 * (its history still names it), so a file an event names is never collected.
 */
export async function referencedDocuments(events: AsyncIterable<RecordedEvent>): Promise<Map<string, DocumentReference[]>> {
  const byHash = new Map<string, DocumentReference[]>();
  for await (const recorded of events) {
    if (recorded.type !== 'EvidenceAttached' || streamCategory(recorded.streamId) !== 'recommendation') continue;
    const event = upcast(recorded);
    if (event.type !== 'EvidenceAttached' || !isStoredDocument(event.data)) continue;
    const data: StoredDocument = event.data;
    const reference = {
      streamId: recorded.streamId,
      revision: recorded.revision,
      evidenceId: data.evidenceId,
      sha256: data.sha256,
      size: data.file.size,
    };
    byHash.set(data.sha256, [...(byHash.get(data.sha256) ?? []), reference]);
  }
  return byHash;
}

/** A document an event names whose file is gone, or whose bytes no longer hash to what the event says. */
export interface EvidenceProblemFound {
  kind: 'missing' | 'altered';
  sha256: string;
  /** The hash of the bytes found, when altered. */
  actual?: string;
  references: DocumentReference[];
}

export interface EvidenceVerdict {
  checked: number;
  problems: EvidenceProblemFound[];
}

/**
 * Whether every stored document the history names is still in the store and still hashes to what its
 * event says (every byte is read again). For `cli verify` and the sealed history's verification.
 */
export async function verifyEvidence(events: AsyncIterable<RecordedEvent>, store: EvidenceStore): Promise<EvidenceVerdict> {
  const referenced = await referencedDocuments(events);
  const problems: EvidenceProblemFound[] = [];
  for (const [sha256, references] of referenced) {
    const actual = await store.rehash(sha256);
    if (actual === undefined) problems.push({ kind: 'missing', sha256, references });
    else if (actual !== sha256) problems.push({ kind: 'altered', sha256, actual, references });
  }
  return { checked: referenced.size, problems };
}

/** One line per problem, naming the item and the document. */
export function describeEvidenceProblem(problem: EvidenceProblemFound): string {
  const where = problem.references.map((r) => `${r.streamId} evidence ${r.evidenceId} (revision ${r.revision})`).join(', ');
  return problem.kind === 'missing'
    ? `missing: no file with SHA-256 ${problem.sha256}, named by ${where}`
    : `altered: the file under ${problem.sha256} now hashes to ${problem.actual}, named by ${where}`;
}

/** A file (or an interrupted upload's temporary file) that no event names. */
export interface Orphan {
  kind: 'document' | 'leftover';
  /** The hash, or the temporary file's id. */
  id: string;
  size: number;
  modifiedAt: Date;
}

/**
 * What `cli evidence gc` may remove: files no event names, and temporary files of uploads that never
 * finished, older than `graceMs` (an upload between keeping its file and writing its event is younger).
 * A file any event names is never an orphan.
 */
export async function findOrphans(
  events: AsyncIterable<RecordedEvent>,
  store: EvidenceStore,
  now: Date,
  graceMs: number,
): Promise<Orphan[]> {
  const referenced = await referencedDocuments(events);
  const orphans: Orphan[] = [];
  const old = (modifiedAt: Date) => now.getTime() - modifiedAt.getTime() >= graceMs;
  for await (const file of store.files()) {
    if (!referenced.has(file.sha256) && old(file.modifiedAt))
      orphans.push({ kind: 'document', id: file.sha256, size: file.size, modifiedAt: file.modifiedAt });
  }
  for await (const leftover of store.leftovers()) {
    if (old(leftover.modifiedAt)) orphans.push({ kind: 'leftover', id: leftover.id, size: leftover.size, modifiedAt: leftover.modifiedAt });
  }
  return orphans;
}

export async function removeOrphan(store: EvidenceStore, orphan: Orphan): Promise<void> {
  await store.remove(orphan.kind === 'document' ? { sha256: orphan.id } : { leftover: orphan.id });
}
