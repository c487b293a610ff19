import { readFileSync } from 'node:fs';
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
    await walk(fixture.workflow, readWalk(demoFile('walkthrough.json')), new Date(), () => undefined);
    const status = async (id: string) => (await fixture.workflow.item(id, AUDITOR)).statusDescription;
    expect(await status('38')).toBe('self-certified and closed');
    expect(await status('9159')).toBe('verified by HMICFRS and closed');
    expect(await status('39')).toBe('submitted for closure');
    expect(await status('SOC-AFI-3')).toBe('open and not yet RAG rated');
  });
});
