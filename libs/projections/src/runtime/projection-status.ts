import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@hmicfrs/event-store';
import { Checkpoints } from './checkpoints';
import { Lease } from './lease';
import type { Projection } from './projection';
import { ReadModelDatabase } from './read-model-database';
import { rebuildLease } from './rebuilder';

export const PROJECTIONS = Symbol('PROJECTIONS');

export interface ProjectionState {
  name: string;
  /** This code's version of the projection, and the version its stored read model was built by. */
  version: number;
  storedVersion: number | null;
  /** The last global position applied (text: it may need 128 bits). */
  position: string | null;
  caughtUp: boolean;
  rebuilding: boolean;
}

export interface ProjectionsState {
  store: { position: string | null };
  projections: ProjectionState[];
}

/** Where each projection stands against the store: for operators, and for anyone waiting on a read model. */
@Injectable()
export class ProjectionStatusReader {
  private readonly checkpoints: Checkpoints;
  private readonly lease: Lease;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    database: ReadModelDatabase,
    @Inject(PROJECTIONS) private readonly projections: readonly Projection[],
  ) {
    this.checkpoints = new Checkpoints(database.db);
    this.lease = new Lease(database.db);
  }

  async status(): Promise<ProjectionsState> {
    const { position: head } = await this.store.health();
    return {
      store: { position: head === null ? null : head.toString() },
      projections: this.projections.map((projection) => {
        const checkpoint = this.checkpoints.read(projection.name);
        const position = checkpoint?.position ?? null;
        return {
          name: projection.name,
          version: projection.version,
          storedVersion: checkpoint?.version ?? null,
          position: position === null ? null : position.toString(),
          caughtUp: checkpoint?.version === projection.version && (head === null || (position !== null && position >= head)),
          rebuilding: this.lease.heldByAnyone(rebuildLease(projection.name)),
        };
      }),
    };
  }
}
