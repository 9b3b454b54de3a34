// An in-process aedes broker on a fixed loopback port, which a test can stop and start again with the same
// persistence (sessions, subscriptions, queued QoS 1 messages), as a broker restart with a durable store does.
import { createServer, type Server, type Socket } from 'node:net';
import { Aedes } from 'aedes';

export interface TestBroker {
  url: string;
  /** aedes' persistence object: hand it to the next start to keep sessions across a restart. */
  persistence: unknown;
  stop(): Promise<void>;
}

export async function startAedes(port: number, persistence?: unknown): Promise<TestBroker> {
  const broker = await Aedes.createBroker(persistence ? { persistence } : {});
  const sockets = new Set<Socket>();
  let stopping: Promise<void> | undefined;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    broker.handle(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `mqtt://127.0.0.1:${port}`,
    persistence: (broker as unknown as { persistence: unknown }).persistence,
    stop() {
      stopping ??= close();
      return stopping;
    },
  };

  /** Once: a test may stop the broker itself and its clean-up stop it again. */
  async function close(): Promise<void> {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await closed;
  }
}
