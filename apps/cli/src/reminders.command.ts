import { parseArgs } from 'node:util';
import { systemClock } from '@hmicfrs/clock';
import { loadConfig } from '@hmicfrs/config';
import { openEventStore } from '@hmicfrs/event-store';
import { Outbox, RemindersRun, notifierFor, reminderSettings } from '@hmicfrs/reminders';
import { RecommendationWorkflow } from '@hmicfrs/workflow';
import { UsageError, type CliCommand } from './cli-command';

export const remindersCommand: CliCommand = {
  name: 'reminders',
  summary:
    'reminders [--as-at YYYY-MM-DD]: remind owners of items due soon, overdue or not reviewed; escalate submissions waiting on the DCC',
  async run(args) {
    const { values } = parseArgs({ args, options: { 'as-at': { type: 'string' } } });
    const asAt = values['as-at'];
    if (asAt !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asAt)) throw new UsageError('--as-at must be a day as YYYY-MM-DD');
    const config = loadConfig(process.env);
    const store = await openEventStore({ dataDir: config.DATA_DIR, connectionString: config.EVENTSTORE_CONNECTION_STRING });
    const outbox = Outbox.open(config.DATA_DIR);
    try {
      const notifier = notifierFor(config);
      const report = await new RemindersRun(
        new RecommendationWorkflow(store, systemClock),
        store,
        outbox,
        notifier,
        reminderSettings(config),
        systemClock,
      ).run(asAt);
      console.log(`Reminders as at ${report.asAt} (${notifier.name}): ${report.itemsChecked} items checked`);
      for (const issued of report.issued) {
        console.log(
          `  ${issued.itemId.padEnd(12)} ${issued.type === 'Escalated' ? 'escalated' : 'reminder '} ${issued.kind.padEnd(18)} to ${issued.to} (${issued.delivered.replace(/_/g, ' ')})`,
        );
      }
      for (const cancelled of report.cancelled) console.log(`  cancelled ${cancelled.id}: ${cancelled.reason}`);
      console.log(`  ${report.issued.length} issued, ${report.alreadyIssued} already issued today, ${report.cancelled.length} cancelled`);
      return 0;
    } finally {
      outbox.close();
      await store.close();
    }
  },
};
