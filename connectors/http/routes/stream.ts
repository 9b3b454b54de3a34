import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { StreamMessage } from '../../service/stream-hub.js';
import type { AppDeps } from '../deps.js';
import { twinSnapshot } from '../twin-snapshot.js';

/** Backlog a slow client may build up before it is cut off (it reconnects and resumes with `since`). */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * `GET /api/stream` (WebSocket): twin deltas, job progress, plan and dispatch status, alarms, each with `seq`.
 * `?since=<seq>` resumes after a reconnect: the missed messages come first, or a `resync` message with the
 * current snapshot when the server no longer holds them.
 */
export async function streamRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // Every client gets the same text for a message: serialise it once, not once per client.
  const texts = new WeakMap<StreamMessage, string>();
  const textOf = (message: StreamMessage): string => {
    let text = texts.get(message);
    if (text === undefined) texts.set(message, (text = JSON.stringify(message)));
    return text;
  };
  app.get<{ Querystring: { since?: number; token?: string } }>(
    '/api/stream',
    {
      websocket: true,
      config: { role: 'viewer' },
      schema: {
        tags: ['stream'],
        querystring: Type.Object({
          since: Type.Optional(Type.Integer({ minimum: 0 })),
          token: Type.Optional(Type.String()),
        }),
      },
    },
    (socket, request) => {
      const send = (text: string): void => {
        if (socket.readyState !== socket.OPEN) return;
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
          socket.close(1013, 'too slow: reconnect with since=<last seq>');
          return;
        }
        socket.send(text);
      };
      const since = request.query.since;
      const missed = since === undefined ? undefined : deps.stream.since(since);
      if (missed) for (const m of missed) send(textOf(m));
      else {
        const type = since === undefined ? 'hello' : 'resync';
        send(JSON.stringify({ seq: deps.stream.lastSeq, type, atMs: deps.now(), data: twinSnapshot(deps) }));
      }
      const unsubscribe = deps.stream.subscribe((m) => send(textOf(m)));
      deps.metrics.streamClients.set(deps.stream.subscribers);
      socket.on('close', () => {
        unsubscribe();
        deps.metrics.streamClients.set(deps.stream.subscribers);
      });
    },
  );
}
