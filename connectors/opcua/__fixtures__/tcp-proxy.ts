// A TCP proxy on loopback whose connections a test can cut, as a network break does, while both ends live on.
import { createConnection, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  /** Destroy every open connection; new ones are accepted again at once unless `refuseMs` says otherwise. */
  cut(refuseMs?: number): void;
  /**
   * While on, bytes from the client towards the server are discarded (the server's answers still flow): the
   * client's acknowledgements are lost on the way, as when a link fails in one direction before it breaks.
   */
  dropUpstream(on: boolean): void;
  close(): Promise<void>;
}

export async function startTcpProxy(listenPort: number, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let refuseUntil = 0;
  let dropping = false;
  const server = createServer((inbound) => {
    if (Date.now() < refuseUntil) return void inbound.destroy();
    const outbound = createConnection({ host: '127.0.0.1', port: targetPort });
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        inbound.destroy();
        outbound.destroy();
      });
    }
    inbound.on('data', (chunk: Buffer) => {
      if (!dropping) outbound.write(chunk);
    });
    outbound.pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  return {
    cut(refuseMs = 0) {
      refuseUntil = Date.now() + refuseMs;
      for (const socket of sockets) socket.destroy();
    },
    dropUpstream(on) {
      dropping = on;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
