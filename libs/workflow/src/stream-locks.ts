/**
 * Commands on one stream, one after another within this process. Two people acting on the same item at
 * once would otherwise both read revision N and one of them lose the append; here the second reads what
 * the first wrote. Other processes and instances are still possible writers: the pipeline retries those
 * conflicts. Streams that are not busy hold no entry.
 */
export class StreamLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(stream: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(stream) ?? Promise.resolve();
    const mine = before.then(work, work);
    const tail = mine.catch(() => undefined);
    this.tails.set(stream, tail);
    void tail.then(() => {
      if (this.tails.get(stream) === tail) this.tails.delete(stream);
    });
    return mine;
  }
}
