import { Logger } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { OutboxEntry } from './outbox';

/** Hands a message to the people it is for. `left_in_outbox`: it stays pending there for another system to deliver. */
export interface Notifier {
  readonly name: string;
  deliver(entry: OutboxEntry): Promise<'sent' | 'left_in_outbox'>;
}

/** The default: the log says who is told what; the outbox keeps the message. */
export class LogNotifier implements Notifier {
  readonly name = 'log and outbox';
  private readonly logger = new Logger('Reminders');

  async deliver(entry: OutboxEntry): Promise<'left_in_outbox'> {
    this.logger.log(`To ${entry.recipient}: ${entry.subject}`);
    return 'left_in_outbox';
  }
}

/** E-mail through the configured SMTP server, to <recipient>@<domain>. */
export class SmtpNotifier implements Notifier {
  readonly name: string;
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
    private readonly domain: string,
  ) {
    this.transport = createTransport(url);
    this.name = `e-mail (${new URL(url).host})`;
  }

  async deliver(entry: OutboxEntry): Promise<'sent'> {
    await this.transport.sendMail({ from: this.from, to: `${entry.recipient}@${this.domain}`, subject: entry.subject, text: entry.body });
    return 'sent';
  }
}

export function notifierFor(config: { SMTP_URL?: string; SMTP_FROM: string; SMTP_TO_DOMAIN: string }): Notifier {
  return config.SMTP_URL === undefined ? new LogNotifier() : new SmtpNotifier(config.SMTP_URL, config.SMTP_FROM, config.SMTP_TO_DOMAIN);
}
