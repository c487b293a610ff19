/**
 * A buffer between a push source (a live gRPC subscription) and one pulling async iterator.
 * `stop` ends the iteration at once, dropping what is buffered: after `close()` nothing more is
 * delivered. `fail` delivers what is buffered first, then the error.
 */
export class AsyncQueue<T> {
  private readonly items: T[] = [];
  private waiter: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void } | null = null;
  private failure: { error: unknown } | null = null;
  private stopped = false;

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    if (this.stopped || this.failure) return;
    if (this.waiter) this.settle().resolve({ value: item, done: false });
    else this.items.push(item);
  }

  fail(error: unknown): void {
    if (this.stopped || this.failure) return;
    this.failure = { error };
    if (this.waiter && this.items.length === 0) this.settle().reject(error);
  }

  stop(): void {
    this.stopped = true;
    this.items.length = 0;
    if (this.waiter) this.settle().resolve({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T>> {
    if (this.stopped) return Promise.resolve({ value: undefined, done: true });
    if (this.items.length > 0) return Promise.resolve({ value: this.items.shift() as T, done: false });
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.waiter) return Promise.reject(new Error('AsyncQueue supports one pending next() at a time'));
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  private settle() {
    const waiter = this.waiter as NonNullable<AsyncQueue<T>['waiter']>;
    this.waiter = null;
    return waiter;
  }
}
