import type { Refusal } from '@hmicfrs/lifecycle';
import type { IntegrityProblem } from './history-integrity';

/** No item (or no item as at the date asked) under that id. */
export class ItemNotFound extends Error {
  override readonly name = 'ItemNotFound';
  constructor(
    readonly id: string,
    when?: string,
  ) {
    super(`There is no item ${id}${when ? ` ${when}` : ''}`);
  }
}

/** A command names an inspection report that was never recorded. */
export class UnknownInspectionReport extends Error {
  override readonly name = 'UnknownInspectionReport';
  constructor(readonly inspectionId: string) {
    super(`There is no inspection report ${inspectionId}: record it first (POST /inspections)`);
  }
}

/** A link names an item that does not exist. */
export class UnknownLinkedItem extends Error {
  override readonly name = 'UnknownLinkedItem';
  constructor(readonly otherId: string) {
    super(`There is no item ${otherId} to link to`);
  }
}

/** A verification names inspection activity nobody recorded (a name typed for one is not checked). */
export class UnknownInspectionActivity extends Error {
  override readonly name = 'UnknownInspectionActivity';
  constructor(readonly activityId: string) {
    super(`There is no inspection activity ${activityId}: choose one recorded, or name the inspection`);
  }
}

/** The lifecycle refused the command; `refusal` says why in the users' words. */
export class CommandRefused extends Error {
  override readonly name = 'CommandRefused';
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/** `occurredAt` is in the future, or before the item's previous event. */
export class OccurredAtRefused extends Error {
  override readonly name = 'OccurredAtRefused';
  constructor(reason: string) {
    super(`occurredAt ${reason}`);
  }
}

/** An Idempotency-Key sent again with a different request: the first request's answer would mislead. */
export class IdempotencyKeyReused extends Error {
  override readonly name = 'IdempotencyKeyReused';
  constructor(key: string) {
    super(`Idempotency-Key ${JSON.stringify(key)} was already used for a different request to this item`);
  }
}

/**
 * The stream's history no longer verifies against the signed checkpoints (an event deleted, changed,
 * moved, a checkpoint forged): no command is decided on a history that may have been altered. Reads go on.
 */
export class HistoryAltered extends Error {
  override readonly name = 'HistoryAltered';
  constructor(
    readonly stream: string,
    readonly problems: IntegrityProblem[],
  ) {
    super(
      `The history of ${stream} no longer verifies against its signed checkpoints, so no change can be recorded on it: ` +
        `${problems[0].message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}. An auditor must look into it (npm run cli -- verify)`,
    );
  }
}

/** A person field (an owner, say) names somebody the directory does not have: add them first. */
export class UnknownPerson extends Error {
  override readonly name = 'UnknownPerson';
  constructor(
    readonly personId: string,
    readonly field: string,
  ) {
    super(`There is nobody called ${JSON.stringify(personId)} in the directory of people (${field}): add them first`);
  }
}
