import { isClosed, statusOf, type Actor, type RecommendationEvent, type SystemActor } from '@hmicfrs/lifecycle';
import { given } from './testing/given';
import {
  approvedAt,
  chiefConstableLetter,
  dcc,
  hmicfrs,
  owner,
  progressReport,
  readyToSubmit,
  selfCertified,
  submitted,
  submittedAt,
  submittedToHmicfrs,
  verifiedBy,
} from './testing/fixtures';

/** docs/architecture.md, "Statuses": separation of duties is by person, whatever the letters' case. */
const both = [progressReport, chiefConstableLetter];
const reminders: SystemActor = { userId: 'system:reminders', role: 'system' };
const tracker = { fileName: 'tracker.xlsx', row: 12 };

describe('separation of duties, by person', () => {
  describe('whoever submitted never approves', () => {
    it.each([2, 3, 4] as const)('at level %s, not even with their id in other letters', (level) => {
      given(submittedAt(level))
        .when({ type: 'APPROVE' }, { userId: owner.userId.toUpperCase(), role: 'dcc' })
        .thenRefuses(/^The DCC who approves cannot be the officer who submitted$/, 'requirements_not_met');
    });

    it('nor with spaces around it', () => {
      given([...readyToSubmit(3), submitted({ userId: 'OWNER-A', role: 'owner' }, both)])
        .when({ type: 'APPROVE' }, { userId: ' owner-a ', role: 'dcc' })
        .thenRefuses(/cannot be the officer who submitted/);
    });

    it('another person approves', () => {
      given(submittedAt(3))
        .when({ type: 'APPROVE' }, dcc)
        .then([selfCertified(dcc, 3, both)]);
    });
  });

  describe('whoever approved as DCC never verifies', () => {
    it.each([3, 4] as const)('at level %s, whatever the case of their id', (level) => {
      given(approvedAt(level))
        .when({ type: 'VERIFY' }, { userId: dcc.userId.toUpperCase(), role: 'hmicfrs' })
        .thenRefuses(/^Whoever approved the submission as DCC cannot verify it for HMICFRS$/, 'requirements_not_met');
    });

    it('another person verifies, and is named on the verification', () => {
      const state = given(approvedAt(3))
        .when({ type: 'VERIFY' }, hmicfrs)
        .then([verifiedBy(hmicfrs)]);
      expect([statusOf(state), isClosed(state)]).toEqual(['hmicfrs_verified', true]);
    });

    it('a verification recorded before the verifier was kept still replays', () => {
      given([...approvedAt(3), { type: 'HmicfrsVerified', data: { comment: null, inspection: null } }])
        .when({ type: 'REOPEN', reason: 'Fieldwork found gaps', dueDate: '2026-06-30' }, hmicfrs)
        .then([{ type: 'Reopened', data: { reason: 'Fieldwork found gaps', dueDate: '2026-06-30', freshRating: true } }]);
    });
  });

  describe('no system actor approves or verifies', () => {
    const stand: Actor = { userId: 'import:abc:dcc', role: 'dcc' };
    const ins: Actor = { userId: 'import:abc:hmicfrs', role: 'hmicfrs' };

    it.each([reminders, stand, { userId: 'SYSTEM:x', role: 'dcc' } as Actor])('%o never approves', (actor) => {
      given(submittedAt(3))
        .when({ type: 'APPROVE' }, actor)
        .thenRefuses(/APPROVE is a person's decision/, 'requirements_not_met');
    });

    it.each([reminders, ins])('%o never verifies', (actor) => {
      given(approvedAt(4))
        .when({ type: 'VERIFY' }, actor)
        .thenRefuses(/VERIFY is a person's decision/, 'requirements_not_met');
    });

    it("an import records a tracker's approval and verification as what they are", () => {
      const approval = submittedToHmicfrs(stand, both) as Extract<RecommendationEvent, { type: 'SubmittedToHmicfrs' }>;
      const imported = { ...approval, data: { ...approval.data, fromTracker: tracker } };
      given(submittedAt(4)).when({ type: 'APPROVE', fromTracker: tracker }, stand).then([imported]);
      given([...submittedAt(4), imported])
        .when({ type: 'VERIFY', fromTracker: tracker }, ins)
        .then([{ type: 'HmicfrsVerified', data: { verifiedBy: ins.userId, fromTracker: tracker, comment: null, inspection: null } }]);
    });

    it("a person's approval is never dressed as a tracker's, nor the reminders'", () => {
      given(submittedAt(3))
        .when({ type: 'APPROVE', fromTracker: tracker }, dcc)
        .thenRefuses(/person's decision/);
      given(submittedAt(3))
        .when({ type: 'APPROVE', fromTracker: tracker }, reminders)
        .thenRefuses(/person's decision/);
    });
  });
});
