import { describe, expect, it } from 'vitest';
import { OrderTraceIndex } from './order-trace.js';

const sig = (v: number) => ({ temperature: { value: v, quality: 'good' as const, ts: 0 } });

describe('OrderTraceIndex', () => {
  it('records each machine an order went through, with start, end and signals', () => {
    const idx = new OrderTraceIndex();
    idx.onJob('M1', 'SO-1', 'op10', 100, sig(20));
    idx.onJob('M1', 'SO-1', 'op10', 150, sig(21)); // same job again: nothing new
    idx.onJob('M1', 'SO-2', 'op10', 200, sig(30));
    idx.onJob('M2', 'SO-1', 'op20', 250, sig(40));
    idx.onJob('M2', undefined, undefined, 300, sig(41));
    const t = idx.trace('SO-1')!;
    expect(t.map((s) => [s.machine, s.operation, s.startMs, s.endMs])).toEqual([
      ['M1', 'op10', 100, 200],
      ['M2', 'op20', 250, 300],
    ]);
    expect(t[0]!.signalsAtEnd?.temperature?.value).toBe(30);
    expect(idx.trace('SO-2')![0]!.endMs).toBeUndefined();
    expect(idx.trace('nope')).toBeUndefined();
  });

  it('keeps at most maxOrders orders', () => {
    const idx = new OrderTraceIndex(2);
    idx.onJob('M1', 'A', 'o', 1, {});
    idx.onJob('M1', 'B', 'o', 2, {});
    idx.onJob('M1', 'C', 'o', 3, {});
    expect(idx.trace('A')).toBeUndefined();
    expect(idx.trace('C')).toHaveLength(1);
  });
});
