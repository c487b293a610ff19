/**
 * A progress bar on stderr, so stdout stays the report. On a terminal it redraws one line; piped to a
 * file it writes a line at each tenth, so a log shows progress without thousands of lines.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): (done: number, total: number) => void {
  // The clock starts at the first row written, not while the file is still being checked.
  let started: number | undefined;
  let lastTenth = -1;
  return (done, total) => {
    started ??= Date.now() - 1;
    const fraction = total === 0 ? 1 : done / total;
    const perSecond = (done - 1) / Math.max((Date.now() - started) / 1000, 0.001);
    const text = `${label} ${done}/${total} (${Math.round(fraction * 100)}%, ${Math.round(perSecond)} rows/s)`;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(fraction * width);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}`);
      if (done === total) stream.write('\n');
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      stream.write(`${text}\n`);
    }
  };
}
