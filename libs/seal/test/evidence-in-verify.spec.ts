import { chmodSync, mkdtempSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@hmicfrs/event-store';
import { FilesystemEvidenceStore } from '@hmicfrs/evidence';
import { Sealer } from '@hmicfrs/seal';
import { newKey, steppingClock, verify, writeRegister } from './support/sealed-store';

async function* chunks(bytes: Buffer): AsyncIterable<Buffer> {
  yield bytes;
}

const LETTER = Buffer.from('%PDF-1.7\nChief Constable letter\n%%EOF\n');
const PLAN = Buffer.from('%PDF-1.7\nAction plan\n%%EOF\n');

/**
 * `cli verify` rehashes the evidence documents beside the store too: the history may hold while a
 * document it names has gone or been changed on disk, and that has an exit code of its own (4).
 */
describe('cli verify checks the evidence documents the history names', () => {
  let dir: string;
  let publicKeyFile: string;
  const fileOf = (sha256: string) => join(dir, 'evidence', 'sha256', sha256.slice(0, 2), sha256);
  const hashes: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'verify-evidence-'));
    const clock = steppingClock();
    const key = newKey();
    const store = SqliteEventStore.open(join(dir, 'events.db'), { clock });
    const evidence = new FilesystemEvidenceStore(join(dir, 'evidence'));
    await writeRegister(store, [['recommendation-33', [{ type: 'RecommendationOpened', data: { level: 3, text: 'Vetting' } }]]]);
    let revision = 0;
    for (const [evidenceId, bytes] of [
      ['cc-letter', LETTER],
      ['action-plan', PLAN],
    ] as const) {
      const staged = await evidence.stage(chunks(bytes), { maxBytes: 10_000 });
      await evidence.keep(staged);
      hashes[evidenceId] = staged.sha256;
      revision += 1;
      await store.append(
        'recommendation-33',
        [
          {
            type: 'EvidenceAttached',
            data: {
              evidenceId,
              title: evidenceId,
              isChiefConstableLetter: evidenceId === 'cc-letter',
              sha256: staged.sha256,
              file: { name: `${evidenceId}.pdf`, mediaType: 'application/pdf', size: bytes.length },
            },
            metadata: {
              userId: 'supt-patel',
              role: 'owner',
              commandId: `attach-${revision}`,
              correlationId: `attach-${revision}`,
              causationId: null,
              schemaVersion: 2,
              occurredAt: '2024-02-03T10:00:00.000Z',
            },
          },
        ],
        revision - 1,
      );
    }
    await new Sealer(store, key, clock).seal();
    await store.close();
    publicKeyFile = join(dir, 'seal-public.pem');
    writeFileSync(publicKeyFile, key.publicKeyPem);
  });

  const run = () => verify(['--store', join(dir, 'events.db'), '--public-key', publicKeyFile], dir);

  it('every document still hashes to its event: exit 0, and says how many were checked', async () => {
    const result = await run();
    expect(result.out).toMatch(/^EVIDENCE OK: 2 documents in .*evidence, each hashing to what its event says\.$/m);
    expect(result.code).toBe(0);
  });

  it('a document deleted and another changed on disk: each named with its item and evidence, exit 4', async () => {
    unlinkSync(fileOf(hashes['cc-letter']));
    chmodSync(fileOf(hashes['action-plan']), 0o644);
    writeFileSync(fileOf(hashes['action-plan']), '%PDF-1.7\nAction plan, quietly improved\n%%EOF\n');
    const result = await run();
    expect(result.out).toMatch(/^OK: 3 events in 1 streams/m);
    expect(result.out).toContain(
      `EVIDENCE missing: no file with SHA-256 ${hashes['cc-letter']}, named by recommendation-33 evidence cc-letter (revision 1)`,
    );
    expect(result.out).toMatch(
      new RegExp(
        `EVIDENCE altered: the file under ${hashes['action-plan']} now hashes to [0-9a-f]{64}, named by recommendation-33 evidence action-plan \\(revision 2\\)`,
      ),
    );
    expect(result.out).toContain('EVIDENCE: 2 of 2 documents missing or altered');
    expect(result.code).toBe(4);
  });

  it('the evidence copied elsewhere: --evidence names the directory', async () => {
    const result = await verify(
      ['--store', join(dir, 'events.db'), '--public-key', publicKeyFile, '--evidence', join(dir, 'nowhere')],
      dir,
    );
    expect(result.out).toContain(`EVIDENCE: 2 of 2 documents missing or altered in ${join(dir, 'nowhere')}`);
    expect(result.code).toBe(4);
  });
});
