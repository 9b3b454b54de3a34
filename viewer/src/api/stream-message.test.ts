import { describe, expect, it } from 'vitest';
import { createViewerStore, dispatchMessages } from '../store/store.js';
import { parseStreamMessage } from './stream-message.js';
import type { StreamMessage } from './types.js';

const T0 = Date.UTC(2026, 10, 23, 6);
const oee = { availability: 0.9, performance: 0.8, quality: 1, oee: 0.72 };
const kpis = { oee, lines: {}, throughputPerHour: 10, wip: 3, energyKwh: 1, powerKw: 5 };

const frame = (type: string, data: unknown, seq = 7) => JSON.stringify({ seq, atMs: T0, type, data });

function errorOf(text: string): string | undefined {
  const parsed = parseStreamMessage(text);
  return 'error' in parsed ? parsed.error : undefined;
}

describe('parseStreamMessage', () => {
  it('accepts the frames the service sends', () => {
    const good = [
      frame('hello', { seq: 1, atMs: T0, machines: [], kpis, alarms: [] }),
      frame('twin', [{ seq: 1, atMs: T0, machine: 'M1', state: 'running' }]),
      frame('kpis', { atMs: T0, kpis }),
      frame('alarm', []),
      frame('job', { id: 'j1', kind: 'schedule', status: 'running' }),
      frame('plan', { id: 'p2', version: 2, active: true }),
      frame('dispatch', { machine: 'M1', status: 'pending', plan: 'p2' }),
    ];
    for (const text of good) expect(errorOf(text), text).toBeUndefined();
  });

  it('refuses a bad frame naming the field', () => {
    expect(errorOf('{oops')).toBe('not JSON');
    expect(errorOf(JSON.stringify({ atMs: T0, type: 'alarm', data: [] }))).toBe('seq must be a number');
    expect(errorOf(frame('toString', {}))).toMatch(/type "toString" is not a known/);
    expect(errorOf(frame('kpis', { atMs: T0 }))).toBe('kpis: data.kpis.oee must be an object');
    expect(errorOf(frame('twin', [{ machine: 'M1', atMs: T0 }, { atMs: T0 }]))).toBe(
      'twin: data[1] must have machine (string) and atMs (number)',
    );
    expect(errorOf(frame('hello', { atMs: T0, machines: [], kpis }))).toBe(
      'hello: data.alarms must be an array',
    );
    expect(errorOf(frame('plan', { id: 'p2', version: '2', active: true }))).toBe(
      'plan: data.version must be a number',
    );
  });

  it('keeps the good messages of a batch that holds a bad one', () => {
    const texts = [
      frame('hello', { seq: 5, atMs: T0, machines: [], kpis, alarms: [] }, 5),
      frame('kpis', { atMs: T0 + 1000 }, 6), // no kpis: would throw in the reducer
      frame('kpis', { atMs: T0 + 2000, kpis: { ...kpis, wip: 9 } }, 7),
    ];
    const batch: StreamMessage[] = [];
    for (const text of texts) {
      const parsed = parseStreamMessage(text);
      if ('message' in parsed) batch.push(parsed.message);
    }
    const store = createViewerStore();
    dispatchMessages(store, batch);
    expect(store.getState().lastSeq).toBe(7);
    expect(store.getState().kpis?.wip).toBe(9);
  });
});
