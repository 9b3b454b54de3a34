import { parseStreamMessage } from './stream-message.js';
import type { StreamMessage } from './types.js';

export interface StreamOptions {
  /** The URL to open, resuming after the last applied message (undefined on the first connection). */
  url(lastSeq: number | undefined): string;
  /** Messages arrived since the last flush, in order. */
  onMessages(messages: StreamMessage[]): void;
  onStatus(status: 'connecting' | 'open' | 'closed'): void;
  /** The last sequence number applied, to resume after a reconnect. */
  lastSeq(): number | undefined;
  /** Batch incoming frames for this long, so a burst is one store update (ms). */
  flushMs?: number;
  WebSocketImpl?: typeof WebSocket;
}

const MAX_BACKOFF_MS = 10_000;

/**
 * The live stream with reconnection: exponential backoff (0.5 s doubling to 10 s, reset once open), resuming
 * after the last applied sequence number, so the server sends what was missed (or a resync snapshot).
 */
export function connectStream(options: StreamOptions): { close(): void } {
  const Impl = options.WebSocketImpl ?? WebSocket;
  const flushMs = options.flushMs ?? 50;
  let socket: WebSocket | undefined;
  let closed = false;
  let backoffMs = 500;
  let pending: StreamMessage[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const flush = (): void => {
    flushTimer = undefined;
    const batch = pending;
    pending = [];
    if (batch.length > 0) options.onMessages(batch);
  };

  const open = (): void => {
    if (closed) return;
    options.onStatus('connecting');
    const ws = new Impl(options.url(options.lastSeq()));
    socket = ws;
    ws.onopen = () => {
      backoffMs = 500;
      options.onStatus('open');
    };
    ws.onmessage = (event: MessageEvent) => {
      const parsed = parseStreamMessage(String(event.data));
      if ('error' in parsed) {
        // A bad frame is skipped (the rest of the batch still applies); say why, for whoever looks.
        console.warn(`stream message skipped: ${parsed.error}`);
        return;
      }
      pending.push(parsed.message);
      flushTimer ??= setTimeout(flush, flushMs);
    };
    ws.onclose = () => {
      flush();
      options.onStatus('closed');
      if (closed) return;
      retryTimer = setTimeout(open, backoffMs);
      backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    };
  };
  open();

  return {
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      if (flushTimer) clearTimeout(flushTimer);
      socket?.close();
    },
  };
}
