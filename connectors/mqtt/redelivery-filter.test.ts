import { describe, expect, it } from 'vitest';
import { RedeliveryFilter } from './redelivery-filter.js';

const bytes = (s: string) => Buffer.from(s);

describe('RedeliveryFilter', () => {
  it('drops a DUP-flagged message seen among the last `window`, never an unflagged one', () => {
    const filter = new RedeliveryFilter(3);
    expect(filter.isRedelivery('a/b', bytes('1'), false)).toBe(false);
    expect(filter.isRedelivery('a/b', bytes('1'), false)).toBe(false); // a repeated value, not flagged: kept
    expect(filter.isRedelivery('a/b', bytes('1'), true)).toBe(true);
    expect(filter.isRedelivery('a/b', bytes('2'), true)).toBe(false); // flagged, but never taken: kept
    expect(filter.isRedelivery('a/bc', bytes('1'), true)).toBe(false); // another topic
    expect(filter.isRedelivery('a/b', bytes('2'), true)).toBe(true);
  });

  it('forgets what fell out of the window, and tells topic from payload apart', () => {
    const filter = new RedeliveryFilter(2);
    filter.isRedelivery('t', bytes('x'), false);
    filter.isRedelivery('t', bytes('y'), false);
    filter.isRedelivery('t', bytes('z'), false);
    expect(filter.isRedelivery('t', bytes('x'), true)).toBe(false);
    expect(filter.isRedelivery('t', bytes('z'), true)).toBe(true);
    filter.isRedelivery('ab', bytes('c'), false);
    expect(filter.isRedelivery('a', bytes('bc'), true)).toBe(false);
  });
});
