import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Closes a kept-alive connection for idleness only if it is still idle once the server has read what
 * has come in on it. Node closes it the moment its idle timer runs out; but after a busy spell (a long
 * export on the request thread, a pause for garbage collection) the event loop runs its timers before
 * it reads the sockets, so it would close a connection whose next request is already there to be read:
 * a client that reused it well within the advertised `Keep-Alive: timeout` would get a reset. Once the
 * server has a listener for `timeout`, Node leaves the socket to it; this one looks again after the
 * pending reads (`setImmediate` runs after them) and closes the socket only if nothing came.
 */
export function closeOnlyIdleConnections(server: Server): void {
  server.on('timeout', (socket: Socket) => {
    const bytesRead = socket.bytesRead;
    setImmediate(() => {
      if (socket.bytesRead === bytesRead) socket.destroy();
    });
  });
}
