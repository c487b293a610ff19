import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import type { GlobalPosition } from '@hmicfrs/event-store';

interface Scope {
  last: GlobalPosition | undefined;
}

/**
 * The store position of the last event each request wrote (or, for a retry, had written the first
 * time), so that what it answers can wait for the read models to pass it (read your own writes,
 * docs/architecture.md, "Projections and read models"). A request runs in its own scope (`track`); the
 * command pipeline records into the scope it runs in, and a write outside any scope (the CLI, the
 * reminders job) records nothing.
 */
@Injectable()
export class WrittenPositions {
  private readonly scopes = new AsyncLocalStorage<Scope>();

  /** Runs `work` in a fresh scope: what it writes, and only that, is what `last()` then gives. */
  track<T>(work: () => T): T {
    return this.scopes.run({ last: undefined }, work);
  }

  record(position: GlobalPosition): void {
    const scope = this.scopes.getStore();
    if (scope !== undefined && (scope.last === undefined || position > scope.last)) scope.last = position;
  }

  /** The latest position written in this scope; undefined when it wrote nothing, or outside any scope. */
  last(): GlobalPosition | undefined {
    return this.scopes.getStore()?.last;
  }
}
