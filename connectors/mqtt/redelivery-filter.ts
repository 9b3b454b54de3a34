/**
 * Recognises QoS 1 redeliveries of messages already handled. When a connection breaks after the ingest took a
 * message but before the broker saw its PUBACK, the broker sends it again after the reconnection, flagged DUP,
 * and after messages that came later (seen with mosquitto: 0..19, break, then 10D..19D, 20, ...). Applied
 * twice, such a stale counter value would read as a counter reset and count its parts again. So a DUP-flagged
 * message whose topic and payload match one of the last `window` QoS 1 messages is dropped.
 *
 * Only flagged messages are looked up; every QoS 1 message costs two hashes over topic and payload (no
 * allocation). A flagged message that legitimately repeats an earlier one word for word carries nothing new.
 */
export class RedeliveryFilter {
  private readonly first: Uint32Array;
  private readonly second: Uint32Array;
  private next = 0;
  private filled = 0;

  constructor(readonly window: number) {
    this.first = new Uint32Array(window);
    this.second = new Uint32Array(window);
  }

  /** Record a message; true when it is a redelivery (`dup`) of one of the last `window` recorded. */
  isRedelivery(topic: string, payload: Uint8Array, dup: boolean): boolean {
    let a = 0x811c9dc5; // FNV-1a
    let b = 5381; // djb2 (xor form): a second, differently mixed hash makes collisions negligible
    for (let i = 0; i < topic.length; i++) {
      const c = topic.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b, 33) ^ c;
    }
    a = Math.imul(a ^ 0xff, 0x01000193); // separator: topic "a/b"+"c" differs from "a/"+"bc"
    for (let i = 0; i < payload.length; i++) {
      const c = payload[i] as number;
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b, 33) ^ c;
    }
    a >>>= 0;
    b = (b ^ payload.length) >>> 0;
    if (dup) {
      for (let i = 0; i < this.filled; i++) if (this.first[i] === a && this.second[i] === b) return true;
    }
    this.first[this.next] = a;
    this.second[this.next] = b;
    this.next = (this.next + 1) % this.window;
    if (this.filled < this.window) this.filled++;
    return false;
  }
}
