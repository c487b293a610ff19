import { createServer, type AddressInfo, type Server } from 'node:net';
import { SmtpNotifier, notifierFor, LogNotifier } from '@hmicfrs/reminders';

/** Just enough of an SMTP server to receive one message: what a mail relay would see. */
function fakeSmtpServer(received: string[]): Promise<Server> {
  const server = createServer((socket) => {
    let data = false;
    let message = '';
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      for (const line of chunk.toString('utf8').split('\r\n')) {
        if (data) {
          if (line === '.') {
            data = false;
            received.push(message);
            socket.write('250 queued\r\n');
          } else {
            message += `${line}\n`;
          }
        } else if (/^(EHLO|HELO)/i.test(line)) socket.write('250 fake\r\n');
        else if (/^(MAIL|RCPT)/i.test(line)) socket.write('250 ok\r\n');
        else if (/^DATA/i.test(line)) {
          data = true;
          socket.write('354 go ahead\r\n');
        } else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the notifiers', () => {
  it('e-mails a reminder to <recipient>@<domain> when SMTP_URL is set', async () => {
    const received: string[] = [];
    const server = await fakeSmtpServer(received);
    const { port } = server.address() as AddressInfo;
    try {
      const notifier = notifierFor({
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        SMTP_FROM: 'reminders@force.police.uk',
        SMTP_TO_DOMAIN: 'force.police.uk',
      });
      expect(notifier).toBeInstanceOf(SmtpNotifier);
      const outcome = await notifier.deliver({
        id: '9159:overdue:2024-07-01',
        itemId: '9159',
        kind: 'overdue',
        recipient: 'supt-patel',
        dueDate: '2024-06-30',
        subject: 'Cause of concern 9159 is overdue: it was due on 2024-06-30',
        body: 'Please update the RAG rating.',
        createdAt: '2024-07-01T07:00:00.000Z',
        status: 'pending',
        statusReason: null,
      });
      expect(outcome).toBe('sent');
      expect(received).toHaveLength(1);
      expect(received[0]).toMatch(/^To: supt-patel@force\.police\.uk$/m);
      expect(received[0]).toMatch(/^From: reminders@force\.police\.uk$/m);
      expect(received[0]).toContain('Subject: Cause of concern 9159 is overdue: it was due on 2024-06-30');
    } finally {
      server.close();
    }
  });

  it('writes to the log and leaves the message in the outbox by default', () => {
    expect(notifierFor({ SMTP_FROM: 'x@y', SMTP_TO_DOMAIN: 'y' })).toBeInstanceOf(LogNotifier);
  });
});
