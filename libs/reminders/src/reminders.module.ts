import { Module } from '@nestjs/common';
import { DailyReminders } from './daily-reminders';
import { OutgrownReminders } from './outgrown-reminders';

/** The daily reminders job in the API, and the cancelling of what items outgrow; needs `AppConfig` and `EVENT_STORE` (both global). */
@Module({ providers: [DailyReminders, OutgrownReminders] })
export class RemindersModule {}
