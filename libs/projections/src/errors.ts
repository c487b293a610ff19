/** Every refusal of the projections library; the API maps them to HTTP and the CLI prints their message. */
export abstract class ProjectionsError extends Error {
  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** `rebuild <name>` named no projection. */
export class UnknownProjection extends ProjectionsError {
  constructor(
    readonly projection: string,
    readonly known: readonly string[],
  ) {
    super(`There is no projection ${JSON.stringify(projection)}; the projections are ${known.join(', ')}`);
  }
}

/** Another process is already rebuilding this projection. */
export class RebuildAlreadyRunning extends ProjectionsError {
  constructor(
    readonly projection: string,
    readonly holder: string,
  ) {
    super(`A rebuild of ${projection} is already running (${holder}); wait for it to finish`);
  }
}

/**
 * A report's date parameter does not parse (`reason` follows the parameter's name), or contradicts
 * another (`previous` after `asAt`: a whole sentence, in the committee's words).
 */
export class InvalidReportParameter extends ProjectionsError {
  constructor(
    readonly parameter: string,
    reason: string,
  ) {
    super(/^[A-Z]/.test(reason) ? reason : `${parameter} ${reason}`);
  }
}

/** The read models have not caught up with the store in time: the answer would leave out recorded facts. */
export class ReadModelsBehind extends ProjectionsError {
  constructor(projection: string, at: string, head: string) {
    super(
      `The ${projection} read model is at position ${at} but the event store is at ${head}; ` +
        'is a projector running (PROJECTOR=true, or `npm run cli -- project`)?',
    );
  }
}

/** The checkpoint changed under a batch (another projector, or a rebuild's swap): the batch is rolled back and re-read. */
export class CheckpointMoved extends ProjectionsError {
  constructor(readonly projection: string) {
    super(`The checkpoint of ${projection} moved under this projector`);
  }
}

/** Another process took over a lease this one held (it was presumed dead): its work is rolled back. */
export class LeaseLost extends ProjectionsError {
  constructor(readonly lease: string) {
    super(`The ${lease} lease was taken over by another process`);
  }
}
