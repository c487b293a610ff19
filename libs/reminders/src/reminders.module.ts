import { Module } from '@nestjs/common';
import { WorkflowModule } from '@hmicfrs/workflow';
import { DailyReminders } from './daily-reminders';
import { OutgrownReminders } from './outgrown-reminders';
import { Reminders } from './reminders';

/** The daily reminders job in the API, and the cancelling of what items outgrow; needs `AppConfig`, `EVENT_STORE` and `CLOCK` (all global). */
@Module({ imports: [WorkflowModule], providers: [Reminders, DailyReminders, OutgrownReminders] })
export class RemindersModule {}
