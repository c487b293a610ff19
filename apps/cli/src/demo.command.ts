import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { issueToken, tokenSecret, type Actor } from '@hmicfrs/auth';
import { systemClock } from '@hmicfrs/clock';
import { loadConfig, type AppConfig } from '@hmicfrs/config';
import { openEventStore, type EventStore } from '@hmicfrs/event-store';
import { EvidenceIntake, evidenceLimits, evidenceStoreIn } from '@hmicfrs/evidence';
import { RegisterImporter } from '@hmicfrs/import';
import { Outbox, RemindersRun, reminderSettings, type Notifier } from '@hmicfrs/reminders';
import type { Person } from '@hmicfrs/lifecycle';
import { PeopleDirectory, RecommendationWorkflow } from '@hmicfrs/workflow';
import type { CliCommand } from './cli-command';
import { startApi } from './demo-api';
import { demoFile, freshDemoDirectory } from './demo-files';
import { readWalk, walk } from './demo-walkthrough';
import { importReportText } from './import-report-text';

export const demoCommand: CliCommand = {
  name: 'demo',
  summary:
    'demo [--data-dir ./data-demo] [--load-only]: a fresh register from the JAC papers, walked through the lifecycle, and the API on it',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { 'data-dir': { type: 'string', default: './data-demo' }, 'load-only': { type: 'boolean', default: false } },
    });
    const dataDir = freshDemoDirectory(values['data-dir']);
    const config = loadConfig({ ...process.env, DATA_DIR: dataDir });
    console.log(`A fresh demo register in ${relative(process.cwd(), dataDir) || dataDir} (emptied each time the demo starts)\n`);
    await load(config);
    if (values['load-only']) return 0;
    return serve(config);
  },
};

/** The register the papers describe, through the importer, then some of it walked on by its people. */
async function load(config: AppConfig): Promise<void> {
  const store = await openEventStore({ dataDir: config.DATA_DIR, connectionString: config.EVENTSTORE_CONNECTION_STRING });
  try {
    const clock = systemClock;
    const workflow = new RecommendationWorkflow(store, clock);
    const liaison: Actor = { userId: 'flo-fletcher', role: 'liaison' };
    // Owners are chosen from the directory: its people first, as a force's liaison officer would add them.
    const people = JSON.parse(readFileSync(demoFile('people.json'), 'utf8')) as Person[];
    const directory = new PeopleDirectory(store, clock);
    for (const person of people) await directory.add(person, { actor: liaison, idempotencyKey: `demo-person-${person.id}` });
    console.log(
      `0. The directory of people (${relative(process.cwd(), demoFile('people.json'))}): ${people.map((p) => p.name).join(', ')}\n`,
    );
    const register = demoFile('demo-register.csv');
    const report = await new RegisterImporter(workflow, store, clock).import(
      { name: 'demo-register.csv', bytes: readFileSync(register) },
      // The demo's liaison officer (apps/api's demo users) brings the committee's register in.
      { by: liaison },
    );
    console.log(`1. The register from the Joint Audit Committee papers (${relative(process.cwd(), register)}):`);
    console.log(`${importReportText(report)}\n`);
    console.log('2. Some items walked on through the lifecycle, each step by the user whose role takes it:');
    const documents = { intake: new EvidenceIntake(evidenceStoreIn(config.DATA_DIR), evidenceLimits(config)), pathOf: demoFile };
    await walk(workflow, readWalk(demoFile('walkthrough.json')), documents, clock(), (line) => console.log(line));
    console.log('');
    await remind(config, store, workflow);
  } finally {
    await store.close();
  }
}

/** Today's reminders and escalations on the demo register, left in its outbox (nothing is e-mailed). */
async function remind(config: AppConfig, store: EventStore, workflow: RecommendationWorkflow): Promise<void> {
  const outbox = Outbox.open(config.DATA_DIR);
  const quiet: Notifier = { name: 'outbox', deliver: async () => 'left_in_outbox' };
  try {
    const report = await new RemindersRun(workflow, store, outbox, quiet, reminderSettings(config), systemClock).run();
    console.log(
      `3. Today's reminders and escalations, recorded in each item's history and left in ${join(relative(process.cwd(), config.DATA_DIR), 'outbox.db')}:`,
    );
    for (const issued of report.issued) {
      console.log(
        `  ${issued.itemId.padEnd(10)} ${issued.type === 'Escalated' ? 'escalated' : 'reminder '} ${issued.kind.padEnd(18)} to ${issued.to}`,
      );
    }
    console.log('');
  } finally {
    outbox.close();
  }
}

/** The API and web pages on the demo register, and where to look; runs until Ctrl-C, or until the API stops. */
async function serve(config: AppConfig): Promise<number> {
  // Heard from the start: a Ctrl-C while the API starts still stops it.
  const stopped = new Promise<'stopped'>((resolve) => {
    process.once('SIGINT', () => resolve('stopped'));
    process.once('SIGTERM', () => resolve('stopped'));
  });
  const api = await startApi(config);
  const { url } = api;
  const secret = tokenSecret(config.JWT_SECRET, config.DATA_DIR, () => undefined);
  const users = demoUsers(config);
  const readable = await readablePaths(url);

  console.log(`4. The API is running on ${url} (Ctrl-C stops it)\n`);
  console.log(`   Web pages      ${url}/app  (sign in by choosing a user below)`);
  for (const [path, what] of await existingPages(url)) console.log(`     ${what.padEnd(18)} ${url}${path}`);
  console.log(`   OpenAPI        ${url}/docs`);
  for (const path of readable) console.log(`   ${'GET'.padEnd(14)} ${url}${path}`);
  console.log(`   An item        ${url}/recommendations/9159   and its history: ${url}/recommendations/9159/history`);
  console.log(
    `   On the command line:  DATA_DIR=${relative(process.cwd(), config.DATA_DIR) || config.DATA_DIR} npm run cli -- replay 9159\n`,
  );
  console.log('   Users and bearer tokens (8 hours), e.g. curl -H "Authorization: Bearer <token>" ' + `${url}/recommendations/38`);
  for (const user of users) {
    console.log(`     ${user.userId.padEnd(14)} ${user.role.padEnd(8)} ${issueToken(user, secret)}`);
  }
  const outcome = await Promise.race([stopped, api.exited]);
  if (outcome === 'stopped') {
    await api.stop();
    return 0;
  }
  console.error(`The API stopped (exit code ${outcome})`);
  return 1;
}

/** The pages worth a first look, those this build has (the web pages grow while the demo does not). */
const PAGES: [string, string][] = [
  ['/app/register', 'the register'],
  ['/app/approvals', "the DCC's queue"],
  ['/app/committee-report', 'the JAC report'],
  ['/app/inspection-reports', 'inspection reports'],
  ['/app/imports', 'import a register'],
  ['/app/items/9159', 'an item: 9159'],
];

async function existingPages(url: string): Promise<[string, string][]> {
  const found = await Promise.all(PAGES.map(async ([path]) => (await fetch(`${url}${path}`, { redirect: 'manual' })).status !== 404));
  return PAGES.filter((_, index) => found[index]);
}

/** The users the sign-in page offers (the web pages write them on start-up), or one of each role. */
function demoUsers(config: AppConfig): Actor[] {
  const file = config.USERS_FILE ?? join(config.DATA_DIR, 'users.json');
  if (!existsSync(file)) {
    return [
      { userId: 'flo-fletcher', role: 'liaison' },
      { userId: 'ch-insp-jones', role: 'owner' },
      { userId: 'supt-patel', role: 'owner' },
      { userId: 'dcc-green', role: 'dcc' },
      { userId: 'hmi-cooper', role: 'hmicfrs' },
      { userId: 'audit-khan', role: 'auditor' },
    ];
  }
  const listed = JSON.parse(readFileSync(file, 'utf8')) as { id: string; role: Actor['role'] }[];
  return listed.map(({ id, role }) => ({ userId: id, role }));
}

/** The API's readable lists and reports, as its OpenAPI document names them today (other teams add more). */
async function readablePaths(url: string): Promise<string[]> {
  const response = await fetch(`${url}/docs-json`);
  if (!response.ok) return [];
  const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths)
    .filter(([path, operations]) => 'get' in operations && !path.includes('{') && path !== '/health')
    .map(([path]) => path);
}
