/**
 * The second baseline of `bench:commands`: a bare Fastify route doing the same durable SQLite append per
 * request as a command does, and nothing else (no Nest, no token, no validation, no fold or decision, no
 * hash chain, no projector). Run as its own process, as the API is:
 *   node dist/bench/bare-fastify.js   with DATA_FILE and PORT set
 * POST /recommendations/:id/note { text } appends one ProgressNoted event to `recommendation-<id>` in its
 * own transaction (the adapter's schema and pragmas: WAL, synchronous = FULL) and answers its revision.
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { BARE_READY } from './api-process';
import { RawSqlite } from './raw-sqlite';

async function main(): Promise<void> {
  const file = process.env.DATA_FILE;
  const port = Number(process.env.PORT);
  if (!file || !Number.isInteger(port)) throw new Error('bare-fastify needs DATA_FILE and PORT');
  const raw = new RawSqlite(file);
  const revisions = new Map<string, number>();
  const app = Fastify({ bodyLimit: 1024 * 1024 });
  app.post<{ Params: { id: string }; Body: { text?: unknown } }>('/recommendations/:id/note', async (request, reply) => {
    const text = request.body?.text;
    if (typeof text !== 'string' || text.length === 0) return reply.status(400).send({ detail: 'text must be a string' });
    const stream = `recommendation-${request.params.id}`;
    const revision = revisions.get(stream) ?? 0;
    const commandId = randomUUID();
    raw.append(
      stream,
      [
        {
          type: 'ProgressNoted',
          data: { text },
          metadata: {
            userId: 'supt-patel',
            role: 'owner',
            commandId,
            correlationId: commandId,
            causationId: null,
            schemaVersion: 1,
            occurredAt: new Date().toISOString(),
          },
        },
      ],
      revision,
    );
    revisions.set(stream, revision + 1);
    return { revision };
  });
  const close = () => {
    void app.close().then(() => {
      raw.close();
      process.exit(0);
    });
  };
  process.once('SIGTERM', close);
  await app.listen({ port, host: '127.0.0.1' });
  console.log(`${BARE_READY} ${port}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
