import { allowedCommands, replay } from '@hmicfrs/lifecycle';
import { stored } from './testing/given';
import { attached, dcc, histories, liaison, opened, owner, progressReport } from './testing/fixtures';

const allowed = (name: keyof typeof histories, actor = liaison) => allowedCommands(replay(stored(histories[name]))!, actor);
const inProgressWork = ['NOTE_PROGRESS', 'ASSIGN_OWNER', 'CHANGE_DUE_DATE'];

describe('allowedCommands: what the item takes now, before the auth policy filters by role', () => {
  it('open: rating, evidence, work, level, archive, not applicable, link; nothing to remove yet', () => {
    expect(allowed('open')).toEqual([
      'RATE',
      'NOTE_PROGRESS',
      'ATTACH_EVIDENCE',
      'ASSIGN_OWNER',
      'CHANGE_DUE_DATE',
      'CHANGE_LEVEL',
      'CLOSE_AND_ARCHIVE',
      'MARK_NOT_APPLICABLE',
      'LINK',
    ]);
  });

  it('offers REMOVE_EVIDENCE once there is evidence', () => {
    expect(allowedCommands(replay(stored([opened(), attached(progressReport)]))!, owner)).toContain('REMOVE_EVIDENCE');
  });

  it('rag_rated: SUBMIT only once the item has an owner and evidence', () => {
    expect(allowed('rag_rated')).not.toContain('SUBMIT');
    expect(allowed('rag_rated')).toContain('RATE');
  });

  it('submitted: APPROVE for a DCC who did not submit, never for the submitter', () => {
    expect(allowed('submitted', dcc)).toEqual([
      ...inProgressWork,
      'WITHDRAW',
      'APPROVE',
      'RETURN',
      'CHANGE_LEVEL',
      'CLOSE_AND_ARCHIVE',
      'LINK',
    ]);
    expect(allowed('submitted', { ...owner, role: 'dcc' })).not.toContain('APPROVE');
  });

  it('self-certified at level 3: HMICFRS verifies or rejects', () => {
    expect(allowed('selfCertifiedAwaitingVerification')).toEqual([
      ...inProgressWork,
      'VERIFY',
      'REJECT',
      'CHANGE_LEVEL',
      'CLOSE_AND_ARCHIVE',
      'LINK',
    ]);
  });

  it('closed at level 2: a level change, reopening, links', () => {
    expect(allowed('selfCertifiedClosed')).toEqual(['CHANGE_LEVEL', 'REOPEN', 'LINK']);
  });

  it('verified or archived: reopening and links', () => {
    expect(allowed('hmicfrsVerified')).toEqual(['REOPEN', 'LINK']);
    expect(allowed('archived')).toEqual(['REOPEN', 'LINK']);
  });

  it('not applicable: links only', () => {
    expect(allowed('notApplicable')).toEqual(['LINK']);
  });
});
