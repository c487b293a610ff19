import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EvidenceIntake, evidenceLimits, evidenceStoreIn, verifyEvidence } from '@hmicfrs/evidence';
import { demoFile } from '../../apps/cli/src/demo-files';
import { readWalk, walk } from '../../apps/cli/src/demo-walkthrough';
import { importFixture, type ImportFixture } from './import-fixture';

const AUDITOR = { userId: 'audit-khan', role: 'auditor' } as const;

/** The demo's data files still fit the lifecycle: a rule change that breaks `npm run demo` fails here first. */
describe('the demo register and its walk', () => {
  let fixture: ImportFixture;
  beforeAll(async () => {
    fixture = await importFixture();
  });
  afterAll(() => fixture.close());

  it('imports every row of the JAC papers and walks the items to where the demo says', async () => {
    const report = await fixture.importer.import({ name: 'demo-register.csv', bytes: readFileSync(demoFile('demo-register.csv')) });
    expect(report).toMatchObject({ rows: 18, imported: 18, problems: [], skipped: [] });
    const evidenceDir = mkdtempSync(join(tmpdir(), 'hmicfrs-demo-evidence-'));
    const documents = evidenceStoreIn(evidenceDir);
    const intake = new EvidenceIntake(documents, evidenceLimits({ EVIDENCE_MAX_MB: 25 }));
    await walk(fixture.workflow, readWalk(demoFile('walkthrough.json')), { intake, pathOf: demoFile }, new Date(), () => undefined);
    const status = async (id: string) => (await fixture.workflow.item(id, AUDITOR)).statusDescription;
    expect(await status('38')).toBe('self-certified and closed');
    expect(await status('9159')).toBe('verified by HMICFRS and closed');
    expect(await status('39')).toBe('submitted for closure');
    expect(await status('SOC-AFI-3')).toBe('open and not yet RAG rated');

    // The Chief Constable letter for 9159 is a real PDF the demo ships, kept and approved by its hash.
    const shipped = readFileSync(demoFile('cc-letter-9159.pdf'));
    const letter = (await fixture.workflow.item('9159', AUDITOR)).item.evidence.find((e) => e.evidenceId === 'cc-letter-9159');
    expect(letter).toMatchObject({
      sha256: createHash('sha256').update(shipped).digest('hex'),
      file: { name: 'cc-letter-9159.pdf', mediaType: 'application/pdf', size: shipped.length },
    });
    expect(await verifyEvidence(fixture.store.readAll(), documents)).toMatchObject({ checked: 1, problems: [] });
    rmSync(evidenceDir, { recursive: true, force: true });
  });
});
