/** One message on the live stream; `seq` grows by one per message, so a client can resume after a gap. */
export interface StreamMessage {
  seq: number;
  type: 'twin' | 'kpis' | 'job' | 'dispatch' | 'alarm' | 'plan';
  atMs: number;
  data: unknown;
}

export type StreamListener = (message: StreamMessage) => void;

/**
 * The fan-out behind `GET /api/stream`: every message gets a sequence number and stays in a bounded ring, so a
 * client that reconnects with `since=<seq>` gets what it missed, or is told to reload the snapshot when the
 * ring no longer holds it.
 */
export class StreamHub {
  private readonly ring: (StreamMessage | undefined)[];
  private seq = 0;
  private readonly listeners = new Set<StreamListener>();

  constructor(
    private readonly capacity: number,
    private readonly now: () => number,
  ) {
    this.ring = new Array<StreamMessage | undefined>(capacity);
  }

  get lastSeq(): number {
    return this.seq;
  }

  publish(type: StreamMessage['type'], data: unknown): StreamMessage {
    const message: StreamMessage = { seq: ++this.seq, type, atMs: this.now(), data };
    this.ring[message.seq % this.capacity] = message;
    for (const listener of this.listeners) listener(message);
    return message;
  }

  /**
   * Messages after `since`, or undefined when the client must resync: some of them have left the ring, or
   * `since` is ahead of this hub (the client saw a service since restarted, whose numbering began again).
   */
  since(since: number): StreamMessage[] | undefined {
    if (since === this.seq) return [];
    if (since > this.seq || since < this.seq - this.capacity) return undefined;
    const out: StreamMessage[] = [];
    for (let s = since + 1; s <= this.seq; s++) out.push(this.ring[s % this.capacity]!);
    return out;
  }

  subscribe(listener: StreamListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }
}
