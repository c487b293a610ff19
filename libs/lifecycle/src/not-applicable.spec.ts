import { isClosed, isInProgress, statusOf } from '@hmicfrs/lifecycle';
import { given } from './testing/given';
import { histories, liaison, markedNotApplicable } from './testing/fixtures';

const markNotApplicable = { type: 'MARK_NOT_APPLICABLE', reason: 'Addressed to the NPCC and CPS leads', addressedTo: 'NPCC' } as const;

describe('MARK_NOT_APPLICABLE: the item is addressed to another body (NPCC, IOPC, CPS…)', () => {
  it.each(['open', 'rag_rated'] as const)('takes an item %s out of the force’s work', (name) => {
    const state = given(histories[name]).when(markNotApplicable, liaison).then([markedNotApplicable]);
    expect([statusOf(state), isClosed(state), isInProgress(state)]).toEqual(['not_applicable', false, false]);
  });

  it.each([
    'submitted',
    'selfCertifiedAwaitingVerification',
    'awaitingHmicfrs',
    'selfCertifiedClosed',
    'hmicfrsVerified',
    'archived',
    'notApplicable',
  ] as const)('is refused once the item is %s', (name) => {
    given(histories[name])
      .when(markNotApplicable, liaison)
      .thenRefuses(/^MARK_NOT_APPLICABLE is not possible while/, 'not_allowed_now');
  });
});
