import { describe, expect, it } from 'vitest';
import type { Observation } from '../../twin/schema/observation.js';
import { ObservationGate } from './observation-gate.js';
import { recordingLogger, recordingSink } from './__fixtures__/recorders.js';

const good = (value: number): Partial<Observation> => ({
  source: 'mqtt:test',
  asset: 'Lathe01',
  signal: 'spindleLoad',
  value,
  quality: 'good',
  sourceTs: 1_700_000_000_000 + value,
});

describe('ObservationGate', () => {
  it('forwards valid observations in batches with receivedTs set', async () => {
    const sink = recordingSink();
    const gate = new ObservationGate({ sink, logger: recordingLogger(), maxBatch: 4, clock: () => 42 });
    for (let i = 0; i < 10; i++) expect(gate.offer(good(i))).toBe(true);
    // Two full batches went at once; the rest waits for the end of this I/O turn.
    expect(sink.batches.map((b) => b.length)).toEqual([4, 4]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(sink.batches.map((b) => b.length)).toEqual([4, 4, 2]);
    expect(sink.observations.map((o) => o.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(sink.observations.every((o) => o.receivedTs === 42)).toBe(true);
    expect(gate.counters()).toMatchObject({ accepted: 10, rejected: 0, batches: 3 });
  });

  it('counts bad observations per kind, logs each kind once and keeps the good ones around them', () => {
    const sink = recordingSink();
    const logger = recordingLogger();
    const gate = new ObservationGate({ sink, logger });
    for (let i = 0; i < 5; i++) {
      gate.offer(good(i));
      gate.offer({ ...good(i), quality: 'ok' as never });
      gate.offer({ ...good(i), value: { nested: true } as never });
      gate.offer({ ...good(i), source: 'opcua:other', sourceTs: -1 });
    }
    gate.reject('mqtt:test', 'malformed JSON', 'Unexpected token');
    gate.flush();

    expect(sink.observations.map((o) => o.value)).toEqual([0, 1, 2, 3, 4]);
    const counters = gate.counters();
    expect(counters.accepted).toBe(5);
    expect(counters.rejected).toBe(16);
    const kinds = Object.fromEntries(counters.kinds.map((k) => [`${k.source} ${k.reason}`, k.count]));
    expect(kinds).toEqual({
      'mqtt:test invalid quality': 5,
      'mqtt:test invalid value': 5,
      'opcua:other invalid sourceTs': 5,
      'mqtt:test malformed JSON': 1,
    });
    expect(logger.warnings).toHaveLength(4);
    expect(logger.warnings[0]?.details?.message).toMatch(/quality: must be one of: good, uncertain, bad/);
  });

  it('bounds the number of kinds it remembers', () => {
    const gate = new ObservationGate({ sink: recordingSink(), logger: recordingLogger(), maxKinds: 3 });
    for (let i = 0; i < 10; i++) gate.reject(`source-${i}`, 'bad', 'bad');
    const { kinds, rejected } = gate.counters();
    expect(rejected).toBe(10);
    expect(kinds).toHaveLength(4);
    expect(kinds.find((k) => k.source === '(other)')?.count).toBe(7);
  });

  it('survives a sink that throws and counts what it lost', () => {
    const gate = new ObservationGate({
      sink: {
        accept() {
          throw new Error('disk full');
        },
      },
      logger: recordingLogger(),
    });
    gate.offer(good(1));
    gate.offer(good(2));
    expect(() => gate.flush()).not.toThrow();
    expect(gate.counters().sinkFailures).toBe(2);
  });
});
