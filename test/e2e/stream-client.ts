// A client of the service's live stream (GET /api/stream) over a real WebSocket, for end-to-end tests: it keeps
// every message and lets a test wait, with a bound, until what it expects has arrived.
import WebSocket, { type ClientOptions } from 'ws';

export interface StreamMessage {
  seq: number;
  type: string;
  atMs: number;
  data: unknown;
}

interface Waiter {
  check(): void;
  fail(error: Error): void;
}

export class StreamClient {
  readonly messages: StreamMessage[] = [];
  /** Why the socket closed, once it has. */
  closed: { code: number; reason: string } | undefined;
  private readonly waiters = new Set<Waiter>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (raw: Buffer) => {
      this.messages.push(JSON.parse(raw.toString('utf8')) as StreamMessage);
      for (const w of this.waiters) w.check();
    });
    socket.on('close', (code: number, reason: Buffer) => {
      this.closed = { code, reason: reason.toString('utf8') };
      const error = new Error(`the stream closed (code ${code} ${this.closed.reason})`);
      for (const w of this.waiters) w.fail(error);
    });
  }

  /** Opens `url` (ws:// or wss://) and resolves once the socket is open. */
  static open(url: string, timeoutMs: number, options: ClientOptions = {}): Promise<StreamClient> {
    const socket = new WebSocket(url, { ...options, handshakeTimeout: timeoutMs });
    const client = new StreamClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('error', (err) => reject(new Error(`cannot open ${redactToken(url)}: ${err.message}`)));
    });
  }

  get lastSeq(): number {
    return this.messages.at(-1)?.seq ?? 0;
  }

  /**
   * Resolves with what `find` returns once it returns something (it sees every message so far), or rejects
   * after `timeoutMs`, or when the socket closes, naming `what` and what came instead.
   */
  waitFor<T>(what: string, find: (messages: readonly StreamMessage[]) => T | undefined, timeoutMs: number) {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          const found = find(this.messages);
          if (found === undefined) return;
          done();
          resolve(found);
        },
        fail: (error) => {
          done();
          reject(new Error(`${what}: ${error.message}; ${this.summary()}`));
        },
      };
      const timer = setTimeout(() => waiter.fail(new Error(`not seen within ${timeoutMs} ms`)), timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
      if (this.closed) waiter.fail(new Error(`the stream is closed (code ${this.closed.code})`));
      else waiter.check();
    });
  }

  /** Closes the socket and resolves once it has closed. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }

  /** Message counts by type and the last few messages: what a failure message shows. */
  summary(): string {
    const counts: Record<string, number> = {};
    for (const m of this.messages) counts[m.type] = (counts[m.type] ?? 0) + 1;
    const last = this.messages
      .slice(-3)
      .map((m) => `${m.seq} ${m.type} ${JSON.stringify(m.data).slice(0, 160)}`);
    return `received ${JSON.stringify(counts)}; last: ${last.join(' | ') || 'none'}`;
  }
}

/** A URL as it may appear in a failure message. */
export function redactToken(url: string): string {
  return url.replace(/([?&]token=)[^&]*/, '$1***');
}
