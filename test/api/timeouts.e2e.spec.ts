import { connect, type Socket } from 'node:net';
import { startApi, type RunningApi } from '../support/running-api';

/** A raw connection to the server, and when (ms after it opened) the server closed it, with what it sent. */
function openSocket(url: string): { socket: Socket; closed: Promise<{ after: number; received: string }> } {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const opened = Date.now();
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<{ after: number; received: string }>((resolve) =>
    socket.on('close', () => resolve({ after: Date.now() - opened, received })),
  );
  return { socket, closed };
}

/** The next whole response on `socket` (headers, and a body of its Content-Length). */
function nextResponse(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let received = '';
    const onData = (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(received)?.[1] ?? 0);
      if (end < 0 || received.length < end + 4 + length) return;
      socket.off('data', onData);
      resolve(received);
    };
    socket.on('data', onData);
  });
}

/** Holds this process's event loop, and so the server's, for `ms`. */
function busyFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

describe('slow and idle clients cannot hold the server’s sockets', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({ HTTP_HEADERS_TIMEOUT_SECONDS: '1', HTTP_REQUEST_TIMEOUT_SECONDS: '2', HTTP_IDLE_TIMEOUT_SECONDS: '1' });
  });
  afterAll(() => api.close());

  it('closes a connection whose headers do not all arrive in time', async () => {
    const { socket, closed } = openSocket(api.url);
    socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
    const { after, received } = await closed;
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(after).toBeLessThan(3000);
  });

  it('closes a connection whose body trickles in past the request timeout', async () => {
    const { socket, closed } = openSocket(api.url);
    socket.write('POST /inspections HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
    const trickle = setInterval(() => socket.writable && socket.write(' '), 300);
    const { after } = await closed;
    clearInterval(trickle);
    expect(after).toBeGreaterThanOrEqual(1500);
    expect(after).toBeLessThan(4500);
  });

  it('closes a kept-alive connection left idle', async () => {
    const { socket, closed } = openSocket(api.url);
    socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const { after, received } = await closed;
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    expect(after).toBeLessThan(2500);
  });

  it('answers a client that reuses its connection just before the advertised idle timeout, even when the request finds the server busy', async () => {
    const { socket, closed } = openSocket(api.url);
    const first = nextResponse(socket);
    socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const advertised = Number(/\r\nkeep-alive: timeout=(\d+)/i.exec(await first)?.[1]);
    const answered = Date.now();
    expect(advertised).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, advertised * 1000 - 200));
    // Out of the timers' turn of the event loop, as a request's own work is: its next turn begins with the timers.
    await new Promise((resolve) => setImmediate(resolve));
    const second = nextResponse(socket);
    socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n');
    // The request waits in the server's socket until past the server's own idle timer (Node keeps it a second past
    // the advertised one): the server was busy, with a long export on its thread, say.
    busyFor(answered + (advertised + 1) * 1000 + 500 - Date.now());
    expect(await Promise.race([second, closed.then(() => 'closed, unanswered')])).toMatch(/^HTTP\/1\.1 200/);
    // And the connection, idle again, is still closed.
    const answeredAgain = Date.now();
    await closed;
    expect(Date.now() - answeredAgain).toBeLessThan(3500);
  });
});
