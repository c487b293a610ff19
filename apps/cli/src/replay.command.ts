import { loadConfig } from '@hmicfrs/config';
import { openEventStore } from '@hmicfrs/event-store';
import { ItemHistoryReader, type HistoryEntry } from '@hmicfrs/workflow';
import { UsageError, type CliCommand } from './cli-command';
import { oneLine } from './terminal-text';

export const replayCommand: CliCommand = {
  name: 'replay',
  summary: "replay <id>: print an item's full history as a timeline, and whether its hash chain holds",
  async run(args) {
    const [id] = args;
    if (!id || args.length > 1) throw new UsageError('replay needs exactly one item id, e.g. `npm run cli -- replay 9159`');
    const config = loadConfig(process.env);
    const store = await openEventStore({ dataDir: config.DATA_DIR, connectionString: config.EVENTSTORE_CONNECTION_STRING });
    try {
      const history = await new ItemHistoryReader(store).history(id);
      const chain = history.chain.intact
        ? 'hash chain intact'
        : `HASH CHAIN BROKEN at revision ${history.chain.brokenAt}: ${history.chain.reason}`;
      console.log(`Item ${oneLine(id)}: ${history.events.length} events; ${oneLine(chain)}\n`);
      for (const entry of history.events) console.log(timelineLine(entry));
      return history.chain.intact ? 0 : 1;
    } finally {
      await store.close();
    }
  },
};

function timelineLine(entry: HistoryEntry): string {
  // A day given without a time (a page's "When did this happen?") is printed as the day, padded to line up.
  const when = entry.occurredOn === null ? entry.occurredAt.replace('T', ' ').slice(0, 16) : entry.occurredOn.padEnd(16);
  const late = entry.recordedAt.slice(0, 10) !== entry.occurredAt.slice(0, 10) ? ` (recorded ${entry.recordedAt.slice(0, 10)})` : '';
  const move = entry.from === entry.to ? entry.to : `${entry.from ?? '·'} → ${entry.to}`;
  const lines = [
    `#${String(entry.revision).padEnd(4)} ${when}${late}`,
    // Everything stored (notes, reasons, titles, names) is printed with its control characters escaped.
    `      ${oneLine(entry.type + summary(entry))}   [${oneLine(move)}]`,
    `      by ${oneLine(`${entry.userId} (${entry.role})${entry.reason ? `; reason: ${entry.reason}` : ''}`)}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** The one fact of each event worth a glance on a timeline. */
function summary({ type, data }: HistoryEntry): string {
  const d = data as Record<string, unknown>;
  switch (type) {
    case 'RecommendationOpened':
      return `: ${d.kind} ${d.reference}, level ${d.level}, owner ${d.owner ?? 'none'}`;
    case 'RagRated':
      return `: ${String(d.rag).toUpperCase()}`;
    case 'ProgressNoted':
      return `: "${String(d.text).slice(0, 80)}"`;
    case 'EvidenceAttached': {
      const file = d.file as { name: string } | undefined;
      const held = d.heldElsewhere as { location: string } | undefined;
      const where = file
        ? `uploaded ${file.name}, sha256 ${String(d.sha256).slice(0, 12)}…`
        : `held elsewhere: ${held?.location ?? 'not recorded'}`;
      return `: ${d.title}${d.isChiefConstableLetter ? ' (Chief Constable letter)' : ''} ${where}`;
    }
    case 'OwnerAssigned':
      return `: ${d.owner}`;
    case 'DueDateChanged':
      return `: ${d.from ?? 'none'} → ${d.to}`;
    case 'LevelChanged':
      return `: level ${d.from} → ${d.to}`;
    case 'SelfCertified':
    case 'SubmittedToHmicfrs':
      return `: approved by ${d.approvedBy}`;
    case 'MarkedNotApplicable':
      return `: addressed to ${d.addressedTo}`;
    case 'RecommendationLinked':
      return `: ${d.relation} with ${d.otherId}`;
    default:
      return '';
  }
}
