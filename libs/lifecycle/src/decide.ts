import type { Actor, OpenRecommendation, RecommendationCommand, SystemActor } from './commands';
import { refuse, type Decision } from './decision';
import type { RecommendationEvent, RecommendationOpened } from './events';
import { explain } from './explain';
import { proposedEvents } from './proposals';
import type { RecommendationState } from './recommendation.machine';
import { describeStatus, statusOf } from './status';

/**
 * What a command on an item records, or why it is refused. Pure: the caller loads the item (`replay`),
 * decides, and appends the events. Whether the command is allowed now is `state.can(event)` alone;
 * a refusal quotes the guards that failed. Who may send which command is the auth policy's, not this.
 */
export function decide(
  state: RecommendationState | undefined,
  command: RecommendationCommand,
  actor: Actor | SystemActor,
): Decision<RecommendationEvent> {
  if (command.type === 'OPEN_RECOMMENDATION') {
    if (state !== undefined) {
      return refuse({ code: 'already_exists', message: `Item ${state.context.id} already exists` });
    }
    return { ok: true, events: [{ type: 'RecommendationOpened', data: opened(command) }] };
  }
  if (state === undefined) return refuse({ code: 'no_such_item', message: 'There is no such item' });
  if (command.type === 'RECORD_NOTICE') {
    if (state.can(command.notice)) return { ok: true, events: [command.notice] };
    return refuse({
      code: 'not_allowed_now',
      command: command.type,
      status: statusOf(state),
      message: `Nobody is reminded about an item ${describeStatus(state)}`,
    });
  }

  const proposed = proposedEvents(state.context, command, actor);
  const allowed = proposed.find((event) => state.can(event));
  if (allowed !== undefined) return { ok: true, events: [allowed] };

  const status = statusOf(state);
  const explanation = explain(state, command.type, proposed);
  if (explanation.kind === 'not_now') {
    return refuse({
      code: 'not_allowed_now',
      command: command.type,
      status,
      message: `${command.type} is not possible while the item is ${describeStatus(state)}`,
    });
  }
  return refuse({
    code: 'requirements_not_met',
    command: command.type,
    status,
    missing: explanation.reasons,
    suppliedBy: explanation.suppliedBy,
    ...(explanation.field === undefined ? {} : { field: explanation.field }),
    message: explanation.reasons.join('; '),
  });
}

function opened(command: OpenRecommendation): RecommendationOpened['data'] {
  const { id, reference, kind, inspectionId, text, level, addressee, portfolio, owner, dueDate, dueWithin } = command;
  return {
    id,
    reference,
    kind,
    inspectionId,
    text,
    level,
    addressee,
    portfolio,
    ...(owner === undefined ? {} : { owner }),
    ...(dueDate === undefined ? {} : { dueDate }),
    ...(dueWithin === undefined ? {} : { dueWithin: { months: dueWithin.months, of: dueWithin.of } }),
  };
}
