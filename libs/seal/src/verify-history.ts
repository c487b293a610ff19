import type { KeyObject } from 'node:crypto';
import {
  EventStoreError,
  GENESIS_HASH,
  canonicalJson,
  canonicalMetadataText,
  hashCanonical,
  hashStoredTexts,
  isAuditable,
  isCanonicalJsonText,
  verifyChain,
  type AuditedEvent,
  type EventMetadata,
  type EventStore,
  type RecordedEvent,
} from '@hmicfrs/event-store';
import {
  GENESIS_ROOT,
  RangeDigest,
  SEAL_STREAM,
  headsDigest,
  rootOf,
  sameCheckpoint,
  signatureHolds,
  short,
  type CheckpointHead,
  type SignedCheckpoint,
  type StoredCheckpoint,
} from './checkpoint';
import { checkpointOf } from './seal-stream';

/** What verification can find; each finding names its kind, so a test (or a script) can tell them apart. */
export type FindingKind =
  | 'changed-event'
  | 'broken-link'
  | 'deleted-event'
  | 'deleted-stream'
  | 'rehashed-stream'
  | 'reordered-in-stream'
  | 'reordered'
  | 'inserted-event'
  | 'recorded-at-altered'
  | 'recorded-at-out-of-order'
  | 'checkpoint-mismatch'
  | 'checkpoint-forged'
  | 'checkpoint-wrong-key'
  | 'checkpoint-chain'
  | 'checkpoint-replaced'
  | 'checkpoint-missing'
  | 'seal-stream-chain'
  | 'store-damaged';

export interface Finding {
  kind: FindingKind;
  message: string;
  streamId?: string;
  revision?: number;
  position?: string;
  checkpoint?: number;
}

export interface HistoryVerdict {
  findings: Finding[];
  /** Events read (the seal stream's own not counted) and streams they belong to. */
  events: number;
  streams: number;
  /** Where the trusted checkpoints came from. */
  checkpointsFrom: 'export' | 'store';
  /** Checkpoints whose signature and chain hold, and so were checked against the events. */
  checkpointsChecked: number;
  /** The last of them. */
  sealedThrough: SignedCheckpoint | null;
  /** Events after it: not yet sealed, which is not a failure. */
  unsealed: number;
}

export interface VerifyHistoryInput {
  store: EventStore;
  /** The key the checkpoints must be signed with: the auditor's copy. */
  publicKey: KeyObject;
  keyFingerprint: string;
  /** Checkpoints kept outside the system (`cli checkpoints export`); without them, the store's own. */
  exported?: SignedCheckpoint[];
}

/** There is nothing to verify against: no checkpoint in the store, and none given. */
export class NothingSealed extends Error {
  constructor() {
    super('the store holds no checkpoints yet (nothing is sealed): run `npm run cli -- seal` first, or give --checkpoints');
    this.name = 'NothingSealed';
  }
}

/**
 * Recomputes everything from the store's events and holds it to signed checkpoints: each event's hash
 * and link, each stream's order along the global order, each checkpoint's count and root over its range,
 * each stream's head as the checkpoint saw it, the adapter's copy of the recorded time. Every finding
 * names the stream, revision, position or checkpoint concerned. One pass in global order; streams are
 * read again only to tell a deleted event from a moved one.
 */
export async function verifyHistory(input: VerifyHistoryInput): Promise<HistoryVerdict> {
  return new HistoryVerifier(input).verify({ throughUnsealed: true });
}

/**
 * Verification that carries on where it stopped: the first `verify()` checks everything, each later one
 * only the checkpoints written since and the events they cover, keeping what it knows of every stream
 * (its last revision and hash) in between. The running API keeps one; findings accumulate, each named once.
 */
export class HistoryVerifier {
  private readonly findings: Finding[] = [];
  private readonly stored: StoredCheckpoint[] = [];
  private readonly trusted: SignedCheckpoint[] = [];
  private readonly scan: Scan;
  /** The seal stream's last event read, so each new one is checked to link to it. */
  private lastSealEvent: RecordedEvent | undefined;
  /** A checkpoint failed (or could not be read): nothing after it can be relied on, so no more are taken. */
  private trustEnded = false;
  private exportCompared = false;
  /** The global position of the last event read. */
  private read: bigint | undefined;

  constructor(private readonly input: VerifyHistoryInput) {
    this.scan = new Scan(input.store, this.trusted, (index) => this.headsOf(index), this.findings);
  }

  /**
   * Checks what is new since the last call. `throughUnsealed`: also the events after the last checkpoint
   * (counted as not yet sealed); without it the pass stops at the last checkpoint, and the next call
   * starts there.
   * @throws NothingSealed when neither the store nor the export holds a checkpoint
   */
  async verify(options: { throughUnsealed: boolean }): Promise<HistoryVerdict> {
    await this.readNewCheckpoints();
    const exported = this.input.exported;
    if (exported && !this.exportCompared) {
      this.exportCompared = true;
      if (exported.length === 0 && this.stored.length === 0) throw new NothingSealed();
      this.compareWithExport(exported);
    }
    if (!exported && this.stored.length === 0 && this.findings.length === 0) throw new NothingSealed();
    this.trustNew(exported ?? []);
    const through = this.trusted.length === 0 ? -1n : BigInt(this.trusted[this.trusted.length - 1].position);
    const store = this.input.store;
    const after = this.read === undefined ? {} : { after: this.read };
    try {
      const events = isAuditable(store) ? store.readAllForAudit(after) : store.readAll(after);
      const ordered = isAuditable(store) && store.recordedAtFollowsGlobalOrder;
      for await (const event of events) {
        if (!options.throughUnsealed && event.position > through) break;
        this.read = event.position;
        if (event.streamId === SEAL_STREAM) continue;
        this.scan.event(event, ordered);
      }
    } catch (error) {
      if (!(error instanceof EventStoreError) && !(error instanceof SyntaxError)) throw error;
      this.findOnce({ kind: 'store-damaged', message: `the store cannot be read to the end (truncated or corrupt): ${oneLine(error)}` });
    }
    await this.scan.settle();
    // A checkpoint's heads are needed only to close its range: a long-running API keeps none it is done with.
    for (let index = 0; index < this.scan.closed; index += 1) {
      if (this.stored[index]?.heads.length) this.stored[index] = { ...this.stored[index], heads: [] };
    }
    return {
      findings: [...this.findings],
      events: this.scan.total,
      streams: this.scan.streamCount,
      checkpointsFrom: exported ? 'export' : 'store',
      checkpointsChecked: this.trusted.length,
      sealedThrough: this.trusted[this.trusted.length - 1] ?? null,
      unsealed: this.scan.unsealed,
    };
  }

  /**
   * The checkpoints the events are held to: the export's and then the store's later ones; each signed
   * with the given key and chained to the one before. The first that fails ends the list: nothing after it
   * can be relied on.
   */
  private trustNew(exported: SignedCheckpoint[]): void {
    while (!this.trustEnded) {
      const index = this.trusted.length;
      const checkpoint = exported[index] ?? this.stored[index];
      if (checkpoint === undefined) return;
      const problem = checkpointProblem(checkpoint, this.trusted[index - 1], this.input);
      if (problem) {
        this.findings.push({ ...problem, checkpoint: checkpoint.sequence });
        this.trustEnded = true;
        return;
      }
      this.trusted.push(checkpoint);
    }
  }

  /** The seal stream's events written since the last call: their chain, and each read as a checkpoint. */
  private async readNewCheckpoints(): Promise<void> {
    if (this.trustEnded) return;
    let events: RecordedEvent[];
    try {
      events = await this.input.store.readStream(SEAL_STREAM, { fromRevision: this.stored.length });
    } catch (error) {
      if (!(error instanceof EventStoreError) && !(error instanceof SyntaxError)) throw error;
      this.findOnce({ kind: 'store-damaged', message: `the seal stream cannot be read (truncated or corrupt): ${oneLine(error)}` });
      return;
    }
    const last = this.lastSealEvent;
    const chain = verifyChain(SEAL_STREAM, events, last && { revision: last.revision + 1, previousHash: last.metadata.hash });
    if (!chain.intact) {
      this.findOnce({
        kind: 'seal-stream-chain',
        streamId: SEAL_STREAM,
        revision: chain.brokenAt,
        message: `the seal stream's own hash chain breaks at revision ${chain.brokenAt}: ${chain.reason}`,
      });
    }
    for (const event of events) {
      try {
        this.stored.push(checkpointOf(event));
        this.lastSealEvent = event;
      } catch (error) {
        this.findings.push({ kind: 'checkpoint-forged', streamId: SEAL_STREAM, revision: event.revision, message: oneLine(error) });
        this.trustEnded = true;
        return;
      }
    }
  }

  /** Each exported checkpoint must still be in the store, unchanged. */
  private compareWithExport(exported: SignedCheckpoint[]): void {
    const missing: number[] = [];
    exported.forEach((checkpoint, index) => {
      const mine = this.stored[index];
      if (mine === undefined) missing.push(checkpoint.sequence);
      else if (!sameCheckpoint(mine, checkpoint)) {
        this.findings.push({
          kind: 'checkpoint-replaced',
          checkpoint: checkpoint.sequence,
          message:
            `the store's checkpoint #${checkpoint.sequence} is not the exported one (root ${short(mine.root)} signed by ${short(mine.keyFingerprint)}, ` +
            `exported root ${short(checkpoint.root)} signed by ${short(checkpoint.keyFingerprint)}): the seal stream was replaced or rewritten`,
        });
      }
    });
    if (missing.length > 0) {
      this.findings.push({
        kind: 'checkpoint-missing',
        checkpoint: missing[0],
        message: `the store's seal stream lacks checkpoint${missing.length > 1 ? 's' : ''} #${missing[0]}${missing.length > 1 ? `..#${missing[missing.length - 1]}` : ''} that the export holds: deleted`,
      });
    }
  }

  private headsOf(index: number): CheckpointHead[] | undefined {
    const mine = this.stored[index];
    const theirs = this.trusted[index];
    if (!mine || !sameCheckpoint(mine, theirs) || headsDigest(mine.heads) !== theirs.headsDigest) return undefined;
    return mine.heads;
  }

  /** A store that cannot be read is named once, not again on every later pass. */
  private findOnce(finding: Finding): void {
    if (!this.findings.some((known) => known.message === finding.message)) this.findings.push(finding);
  }
}

function checkpointProblem(
  checkpoint: SignedCheckpoint,
  previous: SignedCheckpoint | undefined,
  input: VerifyHistoryInput,
): Pick<Finding, 'kind' | 'message'> | undefined {
  const name = `checkpoint #${checkpoint.sequence}`;
  if (checkpoint.keyFingerprint !== input.keyFingerprint) {
    return {
      kind: 'checkpoint-wrong-key',
      message: `${name} is signed by another key (fingerprint ${short(checkpoint.keyFingerprint)}), not the given key ${short(input.keyFingerprint)}: re-signed, or the wrong public key`,
    };
  }
  if (!signatureHolds(checkpoint, input.publicKey)) {
    return {
      kind: 'checkpoint-forged',
      message: `${name}'s signature does not verify with key ${short(input.keyFingerprint)}: it was altered or forged`,
    };
  }
  const expected = {
    sequence: (previous?.sequence ?? 0) + 1,
    previousRoot: previous?.root ?? GENESIS_ROOT,
    previousPosition: previous?.position ?? null,
    count: (previous?.count ?? 0) + checkpoint.rangeCount,
  };
  for (const [field, value] of Object.entries(expected)) {
    if (checkpoint[field as keyof typeof expected] !== value) {
      return {
        kind: 'checkpoint-chain',
        message: `${name} does not follow the checkpoint before it: its ${field} is ${JSON.stringify(checkpoint[field as keyof typeof expected])}, expected ${JSON.stringify(value)}`,
      };
    }
  }
  if (rootOf(checkpoint.previousRoot, checkpoint.count, checkpoint.rangeRoot) !== checkpoint.root) {
    return { kind: 'checkpoint-chain', message: `${name}'s root is not the hash of its previous root, count and range root` };
  }
  return undefined;
}

interface StreamState {
  /** The highest revision seen so far along the global order. */
  last: number;
  lastPosition: bigint;
  /** The stored hash of that event (what the next revision links to) and its recomputed one. */
  storedHash: string;
  hash: string;
}

interface Pending {
  checkpoint: SignedCheckpoint;
  streamId: string;
  from: number;
  to: number;
}

/** The single pass over the global order, range by range. */
class Scan {
  total = 0;
  unsealed = 0;
  private index = 0;
  private digest: RangeDigest;
  private touched = new Map<string, { revision: number; position: bigint }>();
  private findingsAtRangeStart: number;
  private readonly streams = new Map<string, StreamState>();
  private readonly gaps = new Map<string, Map<number, bigint>>();
  /** Streams already named as changed or re-hashed, so a later checkpoint does not name them again. */
  private readonly rehashed = new Set<string>();
  private readonly changed = new Set<string>();
  private readonly pending: Pending[] = [];
  /** Streams and revisions already named as deleted or moved. */
  private readonly named = new Set<string>();
  private latestRecordedAt = '';
  private latestRecordedAtPosition = 0n;
  private latestRecordedAtPlace = '';
  /** In the open range: each event that stands after one recorded later, and that one. */
  private rangeOutOfOrder: string[] = [];
  private outOfOrderNamed = -1n;
  private rangeEndFor = -1;
  private rangeEndPosition = 0n;

  constructor(
    private readonly store: EventStore,
    private readonly trusted: SignedCheckpoint[],
    private readonly headsOf: (index: number) => CheckpointHead[] | undefined,
    private readonly findings: Finding[],
  ) {
    this.digest = new RangeDigest(0);
    this.findingsAtRangeStart = findings.length;
  }

  get streamCount(): number {
    return this.streams.size;
  }

  event(event: AuditedEvent, recordedAtOrdered: boolean): void {
    while (this.index < this.trusted.length && event.position > this.rangeEnd()) this.closeRange();
    this.total += 1;
    const { streamId, revision, position } = event;
    const content = event.metadata;
    const storedHash = content.hash;
    const ids = { id: event.id, streamId, revision, type: event.type };
    // The stored texts hashed as they stand: a match proves them the texts sealed. Else the careful way:
    // each text as it stands only when provably canonical, otherwise as hashEvent does.
    let hash =
      event.dataJson !== undefined && event.metadataJson !== undefined
        ? hashStoredTexts(ids, event.dataJson, event.metadataJson, storedHash)
        : undefined;
    if (hash !== storedHash) {
      const dataJson = event.dataJson !== undefined && isCanonicalJsonText(event.dataJson) ? event.dataJson : canonicalJson(event.data);
      const metadataJson =
        (event.metadataJson !== undefined ? canonicalMetadataText(event.metadataJson, storedHash) : undefined) ??
        canonicalJson(withoutHash(content));
      hash = hashCanonical(ids, dataJson, metadataJson);
    }
    if (hash !== storedHash) {
      this.changed.add(`${streamId}@${revision}`);
      this.find({
        kind: 'changed-event',
        streamId,
        revision,
        position: `${position}`,
        message: `${placeOf(streamId, revision, position)}: its content does not match its hash (it was altered after it was written)`,
      });
    }
    let state = this.streams.get(streamId);
    if (state === undefined) {
      state = { last: -1, lastPosition: 0n, storedHash: GENESIS_HASH, hash: GENESIS_HASH };
      this.streams.set(streamId, state);
    }
    let reordered = false;
    if (revision === state.last + 1) {
      if (content.previousHash !== state.storedHash) {
        this.find({
          kind: 'broken-link',
          streamId,
          revision,
          position: `${position}`,
          message: `${placeOf(streamId, revision, position)}: its previousHash is not the hash of revision ${revision - 1}`,
        });
      }
    } else if (revision > state.last + 1) {
      const gaps = this.gaps.get(streamId) ?? new Map<number, bigint>();
      for (let missing = state.last + 1; missing < revision; missing += 1) gaps.set(missing, position);
      this.gaps.set(streamId, gaps);
    } else {
      reordered = true;
      this.gaps.get(streamId)?.delete(revision);
      this.find({
        kind: 'reordered-in-stream',
        streamId,
        revision,
        position: `${position}`,
        message: `${placeOf(streamId, revision, position)} comes after revision ${state.last} (position ${state.lastPosition}) in the global order: positions swapped within the stream`,
      });
    }
    if (revision > state.last) {
      state.last = revision;
      state.lastPosition = position;
      state.storedHash = storedHash;
      state.hash = hash;
    }
    if (event.indexedRecordedAt !== undefined && event.indexedRecordedAt !== content.recordedAt) {
      this.find({
        kind: 'recorded-at-altered',
        streamId,
        revision,
        position: `${position}`,
        message: `${placeOf(streamId, revision, position)}: the store's recorded_at says ${event.indexedRecordedAt}, the sealed recordedAt is ${content.recordedAt} (the column was edited)`,
      });
    }
    // Named once per event that stands too early, not once for every event recorded before it.
    if (
      recordedAtOrdered &&
      !reordered &&
      content.recordedAt < this.latestRecordedAt &&
      this.outOfOrderNamed !== this.latestRecordedAtPosition
    ) {
      this.outOfOrderNamed = this.latestRecordedAtPosition;
      this.rangeOutOfOrder.push(`${placeOf(streamId, revision, position)} stands after ${this.latestRecordedAtPlace}, recorded later`);
      this.find({
        kind: 'recorded-at-out-of-order',
        streamId,
        revision,
        position: `${position}`,
        message: `${placeOf(streamId, revision, position)} was recorded at ${content.recordedAt}, before ${this.latestRecordedAtPlace}, recorded at ${this.latestRecordedAt}, which stands ahead of it: the global order was changed`,
      });
    }
    if (content.recordedAt > this.latestRecordedAt) {
      this.latestRecordedAt = content.recordedAt;
      this.latestRecordedAtPosition = position;
      this.latestRecordedAtPlace = placeOf(streamId, revision, position);
    }
    if (this.index < this.trusted.length) {
      this.digest.add(hash);
      if (!this.touched.has(streamId)) this.touched.set(streamId, { revision, position });
    } else {
      this.unsealed += 1;
    }
  }

  /** How many checkpoints' ranges are closed. */
  get closed(): number {
    return this.index;
  }

  /**
   * Closes every range (the pass has read through the last checkpoint) and names what is missing: revisions the scan jumped past, and
   * streams and events a checkpoint sealed that are no longer there (or stand elsewhere). Each named once;
   * a later pass names only what it finds new.
   */
  async settle(): Promise<void> {
    while (this.index < this.trusted.length) this.closeRange();
    const named = this.named;
    for (const [streamId, gaps] of this.gaps) {
      for (const [revision, position] of gaps) {
        named.add(`${streamId}@${revision}`);
        this.findings.push({
          kind: 'deleted-event',
          streamId,
          revision,
          position: `${position}`,
          message: `${streamId} revision ${revision} is gone: the stream jumps past it (at position ${position})`,
        });
      }
    }
    this.gaps.clear();
    const pending = this.pending.splice(0);
    const streams = new Map<string, RecordedEvent[]>();
    for (const { checkpoint, streamId, from, to } of pending) {
      let events = streams.get(streamId);
      if (events === undefined) {
        events = await this.store.readStream(streamId).catch(() => []);
        streams.set(streamId, events);
      }
      const sealedBy = `checkpoint #${checkpoint.sequence} (${this.spanOf(checkpoint.sequence, checkpoint.sequence)})`;
      if (events.length === 0) {
        if (named.has(streamId)) continue;
        named.add(streamId);
        // Named once, with every revision and range the checkpoints sealed of it.
        const sealings = pending.filter((entry) => entry.streamId === streamId);
        const first = sealings[0].checkpoint.sequence;
        const last = sealings[sealings.length - 1];
        const sequences =
          first === last.checkpoint.sequence ? `checkpoint #${first}` : `checkpoints #${first}..#${last.checkpoint.sequence}`;
        this.findings.push({
          kind: 'deleted-stream',
          streamId,
          checkpoint: first,
          message:
            `stream ${streamId} was deleted: all its events, revisions 0..${last.to}, are gone; ` +
            `${sequences} sealed them (${this.spanOf(first, last.checkpoint.sequence)})`,
        });
        continue;
      }
      const last = events[events.length - 1].revision;
      for (let revision = from; revision <= to; revision += 1) {
        const key = `${streamId}@${revision}`;
        if (named.has(key)) continue;
        named.add(key);
        const found = events.find((event) => event.revision === revision);
        if (found === undefined) {
          if (this.gaps.get(streamId)?.has(revision)) continue;
          this.findings.push({
            kind: 'deleted-event',
            streamId,
            revision,
            checkpoint: checkpoint.sequence,
            message: `${streamId} revision ${revision}${revision > last ? ' (then its last event)' : ''}, sealed by ${sealedBy}, is gone: deleted`,
          });
        } else {
          this.findings.push({
            kind: 'reordered',
            streamId,
            revision,
            position: `${found.position}`,
            checkpoint: checkpoint.sequence,
            message: `${streamId} revision ${revision}, sealed by ${sealedBy}, now stands at position ${found.position}: positions swapped across streams`,
          });
        }
      }
    }
  }

  /** The positions checkpoints #first..#last cover together, for a message. */
  private spanOf(first: number, last: number): string {
    const before = this.trusted[first - 2];
    return `positions ${before ? BigInt(before.position) + 1n : 'start'}..${this.trusted[last - 1].position}`;
  }

  /** The position the open range ends at (the current checkpoint's), read from its text once per range. */
  private rangeEnd(): bigint {
    if (this.rangeEndFor !== this.index) {
      this.rangeEndFor = this.index;
      this.rangeEndPosition = BigInt(this.trusted[this.index].position);
    }
    return this.rangeEndPosition;
  }

  private find(finding: Finding): void {
    this.findings.push(finding);
  }

  private closeRange(): void {
    const checkpoint = this.trusted[this.index];
    const previous = this.trusted[this.index - 1];
    const rangeRoot = this.digest.digest();
    const count = this.digest.count;
    const heads = this.headsOf(this.index);
    const span = `positions ${previous ? BigInt(previous.position) + 1n : 'start'}..${checkpoint.position}`;
    if (count !== checkpoint.rangeCount || rangeRoot !== checkpoint.rangeRoot) {
      const before = this.findings.length;
      this.find({
        kind: 'checkpoint-mismatch',
        checkpoint: checkpoint.sequence,
        message:
          `checkpoint #${checkpoint.sequence} (${span}) no longer matches: it sealed ${checkpoint.rangeCount} events, ` +
          (count === checkpoint.rangeCount
            ? 'and the store holds as many, but not the same or not in that order'
            : `the store now holds ${count} there`),
      });
      // An event's time out of order is a symptom of reordering, not another explanation of the mismatch.
      const ownFindings = this.findings.slice(this.findingsAtRangeStart, -1).some((finding) => finding.kind !== 'recorded-at-out-of-order');
      const explained = heads ? this.compareHeads(checkpoint, heads) : false;
      if (!ownFindings && !explained && this.findings.length === before + 1 && !this.hasGapIn(checkpoint)) {
        // The same events in another order: the sealed times the events now stand out of order name them.
        const early = this.findings.slice(this.findingsAtRangeStart).find((finding) => finding.kind === 'recorded-at-out-of-order');
        this.find({
          kind: 'reordered',
          checkpoint: checkpoint.sequence,
          streamId: early?.streamId,
          revision: early?.revision,
          position: early?.position,
          message:
            `the events of checkpoint #${checkpoint.sequence} (${span}) are not the ones it sealed in the order it sealed them: positions were changed` +
            (this.rangeOutOfOrder.length > 0 ? ` (${this.rangeOutOfOrder.join('; ')})` : ''),
        });
      }
    }
    this.index += 1;
    this.digest = new RangeDigest(checkpoint.count);
    this.touched = new Map();
    this.rangeOutOfOrder = [];
    this.findingsAtRangeStart = this.findings.length;
  }

  private hasGapIn(checkpoint: SignedCheckpoint): boolean {
    const previous = BigInt(this.trusted[this.index - 1]?.position ?? '0');
    for (const gaps of this.gaps.values()) {
      for (const position of gaps.values()) if (position > previous && position <= BigInt(checkpoint.position)) return true;
    }
    return false;
  }

  /**
   * Each stream's head as the checkpoint saw it, against the stream as the scan has it now. True when a
   * head explains the mismatch (named here, at the end, or already for an earlier checkpoint).
   */
  private compareHeads(checkpoint: SignedCheckpoint, heads: CheckpointHead[]): boolean {
    const listed = new Set<string>();
    let explained = false;
    for (const [streamId, sealedRevision, sealedHash] of heads) {
      listed.add(streamId);
      const state = this.streams.get(streamId);
      const scanned = state?.last ?? -1;
      if (scanned !== sealedRevision || state!.hash !== sealedHash) explained = true;
      if (scanned < sealedRevision) {
        this.pending.push({ checkpoint, streamId, from: scanned + 1, to: sealedRevision });
      } else if (scanned === sealedRevision && state!.hash !== sealedHash) {
        if (this.rehashed.has(streamId) || this.changed.has(`${streamId}@${scanned}`)) continue;
        this.rehashed.add(streamId);
        const first = this.touched.get(streamId);
        this.find({
          kind: 'rehashed-stream',
          streamId,
          revision: sealedRevision,
          checkpoint: checkpoint.sequence,
          message:
            `${streamId}: revision ${sealedRevision} is not the event checkpoint #${checkpoint.sequence} sealed, though its chain holds: ` +
            `an event at revision ${first?.revision ?? 0}..${sealedRevision} or before was changed and the chain re-hashed`,
        });
      } else if (scanned > sealedRevision) {
        this.find({
          kind: 'inserted-event',
          streamId,
          revision: scanned,
          position: `${state!.lastPosition}`,
          checkpoint: checkpoint.sequence,
          message: `${streamId} revision ${sealedRevision + 1}..${scanned} (up to position ${state!.lastPosition}) lies within checkpoint #${checkpoint.sequence}'s range, which sealed the stream only to revision ${sealedRevision}: inserted, or moved there`,
        });
      }
    }
    for (const [streamId, { revision, position }] of this.touched) {
      if (listed.has(streamId)) continue;
      explained = true;
      this.find({
        kind: 'inserted-event',
        streamId,
        revision,
        position: `${position}`,
        checkpoint: checkpoint.sequence,
        message: `${streamId} revision ${revision} (position ${position}) lies within checkpoint #${checkpoint.sequence}'s range, which sealed no event of that stream: inserted, or moved there`,
      });
    }
    return explained;
  }
}

function withoutHash(metadata: EventMetadata): Omit<EventMetadata, 'hash'> {
  const { hash: _hash, ...content } = metadata;
  return content;
}

/** Where an event stands, for a finding's message: built only when there is a finding. */
function placeOf(streamId: string, revision: number, position: bigint): string {
  return `${streamId} revision ${revision} (position ${position})`;
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
