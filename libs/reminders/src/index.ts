export { RemindersRun, REMINDERS_ACTOR, type RemindersReport } from './reminder-run';
export { Outbox, type OutboxEntry, type OutboxStatus } from './outbox';
export { LogNotifier, SmtpNotifier, notifierFor, type Notifier } from './notifier';
export { reminderSettings, type ReminderSettings } from './reminder-settings';
export { noticesFor, type Notice, type ItemFacts } from './notices-for';
export { DailyReminders } from './daily-reminders';
export { RemindersModule } from './reminders.module';
