import { replay, schemaVersions, statusOf, upcast, UnreadableEvent } from '@hmicfrs/lifecycle';

/** Evidence as version 1 recorded it: a title and a SHA-256 someone typed; the system never held the document. */
const V1_EVIDENCE = { evidenceId: 'cc-letter', title: 'Chief Constable letter', sha256: 'c'.repeat(64), isChiefConstableLetter: true };

describe('old events are read through upcasters, never rewritten', () => {
  it('reads a version 1 EvidenceAttached as a reference held elsewhere, keeping the typed fingerprint', () => {
    const stored = { type: 'EvidenceAttached', data: V1_EVIDENCE, metadata: { schemaVersion: 1 } };
    expect(upcast(stored)).toEqual({
      type: 'EvidenceAttached',
      data: {
        evidenceId: 'cc-letter',
        title: 'Chief Constable letter',
        isChiefConstableLetter: true,
        sha256: 'c'.repeat(64),
        heldElsewhere: { location: 'Not recorded', description: expect.stringContaining('only a SHA-256 fingerprint of it was recorded') },
      },
    });
    expect(stored.data).toEqual(V1_EVIDENCE);
  });

  it('reads the evidence of a version 1 SubmittedForClosure the same way', () => {
    const event = upcast({
      type: 'SubmittedForClosure',
      data: { submittedBy: 'olivia', evidence: [V1_EVIDENCE] },
      metadata: { schemaVersion: 1 },
    });
    expect(event).toMatchObject({
      data: { submittedBy: 'olivia', evidence: [{ evidenceId: 'cc-letter', heldElsewhere: { location: 'Not recorded' } }] },
    });
  });

  it('takes the current versions as they are, and refuses a version it has no lift for', () => {
    expect(schemaVersions.EvidenceAttached).toBe(2);
    const current = { evidenceId: 'd', title: 'D', isChiefConstableLetter: false, heldElsewhere: { location: 'L', description: 'D' } };
    expect(upcast({ type: 'EvidenceAttached', data: current, metadata: { schemaVersion: 2 } }).data).toEqual(current);
    expect(() => upcast({ type: 'EvidenceAttached', data: current, metadata: { schemaVersion: 3 } })).toThrow(UnreadableEvent);
    expect(() => upcast({ type: 'RagRated', data: { rag: 'red' }, metadata: { schemaVersion: 0 } })).toThrow(UnreadableEvent);
  });

  it('folds an old history into an item that approves with the old fingerprints', () => {
    const opened = {
      id: 'X',
      reference: 'X',
      kind: 'recommendation',
      inspectionId: 'i',
      text: 't',
      level: 3,
      addressee: 'a',
      portfolio: 'p',
      owner: 'olivia',
    };
    const state = replay([
      { type: 'RecommendationOpened', data: opened, metadata: { schemaVersion: 1 } },
      { type: 'RagRated', data: { rag: 'green' }, metadata: { schemaVersion: 1 } },
      { type: 'EvidenceAttached', data: V1_EVIDENCE, metadata: { schemaVersion: 1 } },
      { type: 'SubmittedForClosure', data: { submittedBy: 'olivia', evidence: [V1_EVIDENCE] }, metadata: { schemaVersion: 1 } },
      {
        type: 'SelfCertified',
        data: { approvedBy: 'dana', level: 3, evidence: [{ evidenceId: 'cc-letter', sha256: 'c'.repeat(64) }] },
        metadata: { schemaVersion: 1 },
      },
    ]);
    expect(statusOf(state!)).toBe('self_certified');
    expect(state!.context.evidence[0]).toMatchObject({ heldElsewhere: { location: 'Not recorded' }, sha256: 'c'.repeat(64) });
  });
});
