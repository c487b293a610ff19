/**
 * Rebuilding every projection from the log, beside the raw global read rate from the same run; the JAC
 * report at that size; and memory as the events grow.
 *   npm run bench:projections                                   1,000,000 events over 50,000 items, 3 runs
 *   BENCH_EVENTS=100000 BENCH_ITEMS=5000 BENCH_REPEATS=1 npm run bench:projections   a quick try
 * The log is built through the embedded store's port, one append per item and round, so items interleave
 * in the global order as a live register's would. Each item's story is a valid lifecycle: opened, rated,
 * worked on, and for two thirds of them submitted, approved and (levels 3 and 4) verified.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type NewEvent } from '@hmicfrs/event-store';
import { schemaVersions, type DomainEvent, type Evidence, type Level } from '@hmicfrs/lifecycle';
import {
  ApprovalQueueProjection,
  AuditProjection,
  JacReportService,
  PastRegister,
  READ_MODELS_FILE,
  ReadModelDatabase,
  ReadModelFreshness,
  Rebuilder,
  RegisterProjection,
  ensureReadModels,
  jacMarkdown,
  type RebuildProgress,
} from '@hmicfrs/projections';
import { median, peakRssMiB } from './measure';
import { positiveInteger } from './settings';

const EVENTS = positiveInteger('BENCH_EVENTS', 1_000_000);
const ITEMS = positiveInteger('BENCH_ITEMS', 50_000);
const REPEATS = positiveInteger('BENCH_REPEATS', 3);
/** Events per append: one command's worth would take a durable commit each; a chunk of an item's story keeps the build to minutes. */
const CHUNK = 10;
const INSPECTIONS = 40;

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'hmicfrs-bench-projections-'));
  const perItem = Math.max(4, Math.round(EVENTS / ITEMS));
  console.log(
    `Projections benchmark: ${EVENTS.toLocaleString('en-GB')} events over ${ITEMS.toLocaleString('en-GB')} items (${perItem} each), ${REPEATS} runs, medians; files in ${root}`,
  );
  try {
    const store = SqliteEventStore.open(join(root, 'events.db'));
    const started = Date.now();
    const built = await buildLog(store, perItem);
    console.log(
      `  log built: ${built.toLocaleString('en-GB')} events in ${((Date.now() - started) / 1000).toFixed(0)} s (peak RSS ${peakRssMiB().toFixed(0)} MiB)`,
    );

    const readRates: number[] = [];
    const rebuildRates: number[] = [];
    const rebuildSeconds: number[] = [];
    const jacSeconds: number[] = [];
    let memory: { events: number; rssMiB: number; heapMiB: number }[] = [];
    for (let run = 0; run < REPEATS; run += 1) {
      readRates.push(await rawReadRate(store, built));
      const dir = join(root, `run-${run}`);
      const rebuild = await rebuildAll(store, dir, built);
      rebuildRates.push(built / rebuild.seconds);
      rebuildSeconds.push(rebuild.seconds);
      memory = rebuild.memory;
      jacSeconds.push(...(await jacReports(store, dir)));
      rmSync(dir, { recursive: true, force: true });
      console.log(
        `  run ${run + 1}: read ${rate(readRates[run])} ev/s, rebuild ${rate(rebuildRates[run])} ev/s (${rebuild.seconds.toFixed(1)} s), JAC ${(median(jacSeconds) * 1000).toFixed(0)} ms`,
      );
    }
    await store.close();

    const read = median(readRates);
    const rebuild = median(rebuildRates);
    const rebuildTime = median(rebuildSeconds);
    const jac = median(jacSeconds);
    console.log('');
    console.log(`raw global read (readAll through the port)   ${rate(read).padStart(10)} events/s`);
    console.log(
      `rebuild of all projections                   ${rate(rebuild).padStart(10)} events/s   ${(rebuild / read).toFixed(2)} of the raw read (target >= 0.25)`,
    );
    console.log(`rebuild time                                 ${rebuildTime.toFixed(2).padStart(10)} s`);
    console.log(
      `JAC report (${jacSeconds.length} reports, dates across the log)  ${(jac * 1000).toFixed(0).padStart(10)} ms     ${(jac / rebuildTime).toFixed(3)} of the rebuild time (target < 0.1)`,
    );
    console.log('');
    console.log(
      'Memory during the last rebuild, as the events grow: flat once every item has been seen (the rebuild holds the register, up to 100,000 items);',
    );
    console.log("RSS includes SQLite's page cache (up to 64 MiB) and what the earlier runs left:");
    for (const sample of memory) {
      console.log(
        `  ${sample.events.toLocaleString('en-GB').padStart(11)} events   RSS ${sample.rssMiB.toFixed(0).padStart(5)} MiB   JS heap ${sample.heapMiB.toFixed(0).padStart(4)} MiB`,
      );
    }
    console.log(`Peak RSS of the whole run: ${peakRssMiB().toFixed(0)} MiB`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Round by round, a chunk of every item's story, so that the global order interleaves items. */
async function buildLog(store: SqliteEventStore, perItem: number): Promise<number> {
  for (let i = 0; i < INSPECTIONS; i += 1) {
    await store.append(
      `inspection-insp-${i}`,
      newEvents([
        {
          event: {
            type: 'InspectionReportRecorded',
            data: { id: `insp-${i}`, reportType: 'thematic', title: `Inspection ${i}`, publishedOn: '2019-01-01' },
          },
          at: '2019-01-01T09:00:00.000Z',
        },
      ]),
      'no_stream',
    );
  }
  let events = INSPECTIONS;
  for (let round = 0; round * CHUNK < perItem; round += 1) {
    for (let item = 0; item < ITEMS; item += 1) {
      const story = storyOf(item, perItem);
      const from = round * CHUNK;
      const chunk = story.slice(from, from + CHUNK);
      if (chunk.length === 0) continue;
      const batch = newEvents(chunk);
      await store.append(`recommendation-I${item}`, batch, from === 0 ? 'no_stream' : from - 1);
      events += batch.length;
    }
    console.log(`  building the log: ${events.toLocaleString('en-GB')} events`);
  }
  return events;
}

/** One item's events with their occurredAt, spread over five years and always moving forward. */
function storyOf(item: number, length: number): { event: DomainEvent; at: string }[] {
  const level = ([2, 3, 4] as const)[item % 3] as Level;
  const closes = item % 3 !== 0;
  const events: DomainEvent[] = [
    {
      type: 'RecommendationOpened',
      data: {
        id: `I${item}`,
        reference: `I${item}`,
        kind: (['recommendation', 'area_for_improvement', 'cause_of_concern'] as const)[item % 3 === 0 ? 0 : item % 5 === 0 ? 2 : item % 2],
        inspectionId: `insp-${item % INSPECTIONS}`,
        text: 'The force should improve how it records, reviews and supervises investigations of domestic abuse',
        level,
        addressee: 'Chief Constables',
        portfolio: 'Public Protection',
        owner: 'owner',
        dueDate: '2021-03-31',
      },
    },
    { type: 'RagRated', data: { rag: 'amber' } },
  ];
  const attached: Evidence[] = [];
  const tailLength = closes ? closure(level, attached).length : 0;
  for (let n = 0; events.length < length - tailLength; n += 1) {
    switch (n % 4) {
      case 0:
        events.push({
          type: 'ProgressNoted',
          data: { text: 'Quarterly review: the action plan is on track; the dip sample showed improvement' },
        });
        break;
      case 1:
        events.push({ type: 'RagRated', data: { rag: (['red', 'amber', 'green'] as const)[(item + n) % 3] } });
        break;
      case 2: {
        const evidence: Evidence = {
          evidenceId: `ev-${n}`,
          title: 'Action plan update',
          heldElsewhere: { location: 'Force file share', description: 'Held by the force' },
          isChiefConstableLetter: false,
        };
        attached.push(evidence);
        events.push({ type: 'EvidenceAttached', data: evidence });
        break;
      }
      default:
        events.push({
          type: 'DueDateChanged',
          data: { from: '2021-03-31', to: `202${2 + (n % 3)}-03-31`, reason: 'Re-planned at the board' },
        });
    }
  }
  if (closes) events.push(...closure(level, attached).slice(0, length - events.length));
  const start = Date.parse('2019-06-01T09:00:00Z') + (item % 365) * 86_400_000;
  const step = Math.floor((5 * 365 * 86_400_000) / length);
  return events.map((event, n) => ({ event, at: new Date(start + n * step).toISOString() }));
}

/**
 * The Chief Constable letter, the submission and its approval (and, at levels 3 and 4, HMICFRS's
 * verification). The submission carries the evidence attached before it, as the workflow records it:
 * the lifecycle checks it for the letter.
 */
function closure(level: Level, attachedBefore: Evidence[]): DomainEvent[] {
  const letter: Evidence = {
    evidenceId: 'cc-letter',
    title: 'Chief Constable letter',
    heldElsewhere: { location: 'Force file share', description: 'Held by the force' },
    isChiefConstableLetter: true,
  };
  return [
    { type: 'EvidenceAttached', data: letter },
    { type: 'SubmittedForClosure', data: { submittedBy: 'owner', evidence: [...attachedBefore, letter] } },
    ...(level === 4
      ? [
          { type: 'SubmittedToHmicfrs', data: { approvedBy: 'dcc', evidence: [], comment: null, ratingConfirmed: true } } as DomainEvent,
          { type: 'HmicfrsVerified', data: { comment: null, inspection: null } } as DomainEvent,
        ]
      : [{ type: 'SelfCertified', data: { approvedBy: 'dcc', level, evidence: [], comment: null, ratingConfirmed: true } } as DomainEvent]),
    ...(level === 3 ? [{ type: 'HmicfrsVerified', data: { comment: null, inspection: null } } as DomainEvent] : []),
  ];
}

/** One append's events: one command id, each its own occurredAt. */
function newEvents(events: { event: DomainEvent; at: string }[]): NewEvent[] {
  const commandId = randomUUID();
  return events.map(({ event, at: occurredAt }) => ({
    type: event.type,
    data: event.data,
    metadata: {
      userId: 'bench.user',
      role: 'liaison',
      commandId,
      correlationId: commandId,
      causationId: null,
      schemaVersion: schemaVersions[event.type],
      occurredAt,
      reason: 'Quarterly performance board review',
    },
  }));
}

async function rawReadRate(store: SqliteEventStore, expected: number): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const started = process.hrtime.bigint();
  let count = 0;
  for await (const event of store.readAll()) count += event.revision >= 0 ? 1 : 0;
  if (count !== expected) throw new Error(`read ${count} events, expected ${expected}`);
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function rebuildAll(store: SqliteEventStore, dir: string, total: number) {
  (globalThis as { gc?: () => void }).gc?.();
  const projections = [new RegisterProjection(), new ApprovalQueueProjection(), new AuditProjection()];
  const database = ReadModelDatabase.inDataDir(dir);
  ensureReadModels(database, projections);
  const memory: { events: number; rssMiB: number; heapMiB: number }[] = [];
  let nextSample = 0;
  // Each sample collects garbage first, so the heap shown is what is alive; its time is left out of the rebuild's.
  let sampling = 0n;
  const sample = (progress: RebuildProgress) => {
    if (progress.events < nextSample && progress.phase === 'replaying') return;
    const began = process.hrtime.bigint();
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    memory.push({ events: progress.events, rssMiB: rss / 1024 / 1024, heapMiB: heapUsed / 1024 / 1024 });
    nextSample = progress.events + Math.ceil(total / 10);
    sampling += process.hrtime.bigint() - began;
  };
  const started = process.hrtime.bigint();
  await new Rebuilder(store, database, projections).rebuild([], sample);
  const seconds = Number(process.hrtime.bigint() - started - sampling) / 1e9;
  database.close();
  return { seconds, memory };
}

/** Reports as at several dates across the log, each against the one a year before. */
async function jacReports(store: SqliteEventStore, dir: string): Promise<number[]> {
  const database = ReadModelDatabase.open(join(dir, READ_MODELS_FILE));
  const service = new JacReportService(
    database,
    new PastRegister(database),
    new ReadModelFreshness(store, database, 60_000),
    () => new Date(),
  );
  const times: number[] = [];
  try {
    for (const year of [2021, 2022, 2023, 2024]) {
      const started = process.hrtime.bigint();
      const report = await service.jacReport({ asAt: `${year}-06-27`, previous: `${year - 1}-06-27`, since: '2019-08-01' });
      jacMarkdown(report);
      times.push(Number(process.hrtime.bigint() - started) / 1e9);
    }
  } finally {
    database.close();
  }
  return times;
}

function rate(perSecond: number): string {
  return Math.round(perSecond).toLocaleString('en-GB');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
