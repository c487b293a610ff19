import type { RebuildProgress } from '@hmicfrs/projections';

/**
 * A rebuild's progress on stderr (stdout stays for results): events done, events per second and time
 * left. On a terminal one line is redrawn; piped to a log, a line at each tenth and at each phase.
 */
export function rebuildProgressBar(stream: NodeJS.WriteStream = process.stderr): (progress: RebuildProgress) => void {
  let lastTenth = -1;
  let lastPhase = '';
  return (progress) => {
    const text = describe(progress);
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(progress.fraction * width);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}\x1b[K`);
      if (progress.phase === 'done') stream.write('\n');
      return;
    }
    const tenth = Math.floor(progress.fraction * 10);
    if (tenth !== lastTenth || progress.phase !== lastPhase) stream.write(`${text}\n`);
    lastTenth = tenth;
    lastPhase = progress.phase;
  };
}

function describe({ projections, phase, events, fraction, eventsPerSecond, secondsLeft }: RebuildProgress): string {
  const done = `${events.toLocaleString('en-GB')} events, ${Math.round(eventsPerSecond).toLocaleString('en-GB')} events/s`;
  switch (phase) {
    case 'replaying':
      return `${projections.join(', ')}: ${Math.round(fraction * 100)}%, ${done}, ${secondsLeft === null ? 'time left not known yet' : `${Math.ceil(secondsLeft)} s left`}`;
    case 'indexing':
      return `${projections.join(', ')}: ${done}; building indexes`;
    case 'swapping':
      return `${projections.join(', ')}: ${done}; swapping the rebuilt tables in`;
    case 'done':
      return `${projections.join(', ')}: rebuilt from ${done}`;
    default: {
      const _: never = phase;
      return _;
    }
  }
}
