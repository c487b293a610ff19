import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@hmicfrs/event-store';
import { cli } from './support/cli';
import { expectReadModelsToEqualTheLog } from './support/compare';
import { CommitteeRegister } from './support/committee';
import { appendAll, histories } from './support/histories';
import { openReadSide, tempDir } from './support/read-side';

describe('npm run cli -- project | rebuild | report', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDir();
    const store = SqliteEventStore.open(join(dataDir, 'events.db'));
    await appendAll(store, histories({ seed: 61, items: 40, commands: 1000 }));
    const register = new CommitteeRegister(store);
    await register.inspection('peel-2023', 'PEEL 2023/25', '2023-09-29');
    const item = await register.item('JAC-1', {
      kind: 'area_for_improvement',
      level: 2,
      inspectionId: 'peel-2023',
      openedOn: '2023-10-01',
    });
    await item.submit('2024-04-02');
    await store.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('project --once catches up and says where each projection stands', async () => {
    const { code, stdout } = await cli(dataDir, 'project', '--once');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^register: at \d+ of \d+$/m);
    expect(stdout).toMatch(/^audit: at \d+ of \d+$/m);
  }, 30_000);

  it('rebuild swaps in rebuilt read models, with progress on stderr', async () => {
    const { code, stderr, stdout } = await cli(dataDir, 'rebuild');
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /register, approvalQueue, audit, people, search: \d+%, [\d,]+ events, [\d,]+ events\/s, (\d+ s left|time left not known yet)/,
    );
    expect(stderr).toMatch(/swapping the rebuilt tables in/);
    expect(stderr).toMatch(/rebuilt from [\d,]+ events/);
    const side = openReadSide({ dir: dataDir });
    try {
      await expectReadModelsToEqualTheLog(side);
    } finally {
      await side.close();
    }
  }, 30_000);

  it('rebuild of a projection that does not exist is refused, naming those that do', async () => {
    const { code, stderr } = await cli(dataDir, 'rebuild', 'registre');
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('There is no projection "registre"; the projections are register, approvalQueue, audit, people, search');
  }, 30_000);

  it('report prints the JAC paper as Markdown, or CSV', async () => {
    const md = await cli(dataDir, 'report', '--as-at', '2024-06-27', '--previous', '2024-03-21', '--since', '2023-08-01');
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('| AFI Lv2 | 1 (+1) |');
    const csv = await cli(
      dataDir,
      'report',
      '--as-at',
      '2024-06-27',
      '--previous',
      '2024-03-21',
      '--since',
      '2023-08-01',
      '--format',
      'csv',
    );
    expect(csv.stdout.split('\r\n')).toContain('submissions,,,area_for_improvement,2,1,1,,,,');
  }, 30_000);

  it.each([
    [
      ['--as-at', '2024-06-27', '--previous', '2024-07-01', '--since', '2023-08-01'],
      "The previous committee date must be before this committee's date (--previous)",
    ],
    [['--as-at', '27/06/2024', '--previous', '2024-03-21', '--since', '2023-08-01'], '--as-at must be a date (YYYY-MM-DD)'],
    [['--as-at', '2024-06-27', '--since', '2023-08-01'], 'report needs --as-at, --previous and --since'],
    [
      ['--as-at', '2024-06-27', '--previous', '2024-03-21', '--since', '2023-08-01', '--format', 'pdf'],
      '--format must be one of md, html, csv, json',
    ],
  ])(
    'report %j is refused: %s',
    async (args, message) => {
      const { code, stderr } = await cli(dataDir, 'report', ...args);
      expect(code).toBe(2);
      expect(stderr).toContain(message);
    },
    30_000,
  );
});
