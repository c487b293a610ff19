import type { AppConfig } from '@hmicfrs/config';

/** The thresholds the force agreed: how soon "due soon" is, how long the DCC may hold a submission, how often RAG is reviewed. */
export interface ReminderSettings {
  dueSoonDays: number;
  approvalWaitDays: number;
  reviewMonths: number;
}

export function reminderSettings(config: AppConfig): ReminderSettings {
  return {
    dueSoonDays: config.REMINDER_DUE_SOON_DAYS,
    approvalWaitDays: config.REMINDER_APPROVAL_WAIT_DAYS,
    reviewMonths: config.REMINDER_REVIEW_MONTHS,
  };
}
