import type { RecordedEvent } from '@hmicfrs/event-store';
import type { ReadSide } from './read-side';
import { expectedApprovalQueue, expectedCounts, expectedRag, expectedRegisterEntry, expectedSnapshot, itemsFrom, readLog } from './recount';

/** Every live read model against the recount of the log (up to a position: where a crashed projector stopped). */
export async function expectReadModelsToEqualTheLog(side: ReadSide, upTo?: bigint): Promise<RecordedEvent[]> {
  const log = (await readLog(side.store)).filter((event) => upTo === undefined || event.position <= upTo);
  const items = itemsFrom(log);

  const listed = side.register.list({}, { limit: 1_000_000, offset: 0, sort: 'reference', descending: false }, '2000-01-01');
  const register = listed.items.map(({ inspection, overdue: _overdue, ...entry }) => ({ ...entry, inspectionId: inspection.id }));
  expect(sortById(register)).toEqual(sortById([...items.values()].map(expectedRegisterEntry)));

  const counts = await side.reports.counts({});
  expect(counts.counts).toEqual(expectedCounts(items.values()));
  const { moment: _m, ...rag } = await side.reports.rag({});
  expect(rag).toEqual(expectedRag(items.values()));

  expect(side.approvals.approvalQueue({ limit: 1_000_000, offset: 0 }).items).toEqual(expectedApprovalQueue(items.values()));

  const trail = side.audit.auditTrail({}, { limit: 1_000_000, after: 0 }).entries;
  const domain = log.filter((event) => /^(recommendation|inspection)-/.test(event.streamId));
  expect(
    trail.map((entry) => [
      entry.streamId,
      entry.revision,
      entry.type,
      entry.userId,
      entry.role,
      entry.occurredAt,
      entry.recordedAt,
      entry.reason,
      entry.commandId,
      entry.data,
    ]),
  ).toEqual(
    domain.map((event) => [
      event.streamId,
      event.revision,
      event.type,
      event.metadata.userId,
      event.metadata.role,
      event.metadata.occurredAt,
      event.metadata.recordedAt,
      event.metadata.reason ?? null,
      event.metadata.commandId,
      event.data,
    ]),
  );
  return log;
}

/** The register as at `asAt`, as known at `knownAt`, against the machine's fold of exactly those events. */
export function expectPastRegisterToEqualTheLog(side: ReadSide, log: readonly RecordedEvent[], asAt: string, knownAt: string): void {
  const truth = itemsFrom(log, (event) => event.metadata.occurredAt <= asAt && event.metadata.recordedAt <= knownAt);
  expect(sortById([...side.past.at({ asAt, knownAt })])).toEqual(sortById([...truth.values()].map(expectedSnapshot)));
}

function sortById<T extends { id: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.id.localeCompare(b.id));
}
