import { isClosed, statusOf } from '@hmicfrs/lifecycle';
import { given } from './testing/given';
import { approvedAt, chiefConstableLetter, hmicfrs, histories, owner, progressReport, submitted, verified } from './testing/fixtures';

const rejected = { type: 'HmicfrsRejected', data: { reason: 'Fieldwork found the flag used in 2% of calls' } } as const;

describe('VERIFY', () => {
  it.each([3, 4] as const)('closes a level %s item HMICFRS was waiting on', (level) => {
    const state = given(approvedAt(level)).when({ type: 'VERIFY' }, hmicfrs).then([verified]);
    expect([statusOf(state), isClosed(state)]).toEqual(['hmicfrs_verified', true]);
  });

  it('is not needed for a level 2 item: the force has closed it', () => {
    given(approvedAt(2))
      .when({ type: 'VERIFY' }, hmicfrs)
      .thenRefuses(/^VERIFY is not possible while the item is self-certified and closed$/, 'not_allowed_now');
  });

  it.each(['open', 'rag_rated', 'submitted', 'hmicfrsVerified', 'archived', 'notApplicable'] as const)('is refused while %s', (state) => {
    given(histories[state])
      .when({ type: 'VERIFY' }, hmicfrs)
      .thenRefuses(/^VERIFY is not possible while/, 'not_allowed_now');
  });
});

describe('REJECT', () => {
  it.each([3, 4] as const)('sends a level %s item back to rag_rated, to be submitted again', (level) => {
    const state = given(approvedAt(level)).when({ type: 'REJECT', reason: rejected.data.reason }, hmicfrs).then([rejected]);
    expect([statusOf(state), state.context.submission, state.context.approval]).toEqual(['rag_rated', null, null]);
    given([...approvedAt(level), rejected])
      .when({ type: 'SUBMIT' }, owner)
      .then([submitted(owner, [progressReport, chiefConstableLetter])]);
  });

  it.each(['selfCertifiedClosed', 'submitted', 'hmicfrsVerified'] as const)('is refused while %s', (state) => {
    given(histories[state])
      .when({ type: 'REJECT', reason: 'No' }, hmicfrs)
      .thenRefuses(/^REJECT is not possible while/, 'not_allowed_now');
  });
});
