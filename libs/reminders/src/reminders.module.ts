import { Module } from '@nestjs/common';
import { DailyReminders } from './daily-reminders';

/** The daily reminders job in the API; needs `AppConfig` and `EVENT_STORE` (both global). */
@Module({ providers: [DailyReminders] })
export class RemindersModule {}
