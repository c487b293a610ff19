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
});
