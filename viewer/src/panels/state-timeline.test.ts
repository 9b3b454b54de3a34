import { describe, expect, it } from 'vitest';
import { stateSegments } from './state-timeline.js';

const ev = (atMs: number, detail: string) => ({ atMs, detail });

describe('stateSegments', () => {
  const window = { fromMs: 1000, toMs: 2000, currentState: 'idle' as const };

  it('turns transitions into segments up to the window’s end, placed as fractions of the window', () => {
    const segs = stateSegments(
      [ev(900, 'off → idle'), ev(1200, 'idle → running'), ev(1700, 'running → down')],
      window,
    );
    expect(segs.map((s) => [s.state, s.startMs, s.endMs])).toEqual([
      ['idle', 1000, 1200],
      ['running', 1200, 1700],
      ['down', 1700, 2000],
    ]);
    expect(segs.map((s) => [s.x, s.w])).toEqual([
      [0, 0.2],
      [0.2, 0.5],
      [0.7, 0.3],
    ]);
    expect(segs.reduce((sum, s) => sum + s.w, 0)).toBeCloseTo(1, 12);
  });

  it('leaves blank what came before the first event the log holds', () => {
    const segs = stateSegments([ev(1200, 'idle → running')], window);
    expect(segs.map((s) => [s.state, s.startMs, s.endMs, s.x])).toEqual([['running', 1200, 2000, 0.2]]);
  });

  it('starts from the state reached before the window, and ignores events after it', () => {
    const segs = stateSegments(
      [
        ev(500, 'off → setup'),
        ev(800, 'setup → running'),
        ev(1500, 'running → idle'),
        ev(2500, 'idle → down'),
      ],
      window,
    );
    expect(segs.map((s) => [s.state, s.startMs, s.endMs])).toEqual([
      ['running', 1000, 1500],
      ['idle', 1500, 2000],
    ]);
    expect(stateSegments([ev(2500, 'idle → down')], window)).toEqual([]);
  });

  it('drops zero-length stretches of one tick and merges equal neighbours', () => {
    const segs = stateSegments(
      [
        ev(1100, 'off → idle'),
        ev(1300, 'idle → setup'),
        ev(1300, 'setup → running'),
        ev(1600, 'running → setup'),
        ev(1600, 'setup → running'),
      ],
      window,
    );
    expect(segs.map((s) => [s.state, s.startMs, s.endMs])).toEqual([
      ['idle', 1100, 1300],
      ['running', 1300, 2000],
    ]);
  });

  it('sorts events given out of order and skips other kinds of detail', () => {
    const segs = stateSegments(
      [ev(1800, 'running → idle'), ev(1100, 'order X'), ev(1400, 'idle → running'), ev(1050, 'off → idle')],
      window,
    );
    expect(segs.map((s) => s.state)).toEqual(['idle', 'running', 'idle']);
  });

  it('completes the log with the live state when the stream is ahead of it', () => {
    const events = [ev(1000, 'off → idle'), ev(1200, 'idle → running')];
    const segs = stateSegments(events, { ...window, currentState: 'down', sinceMs: 1600 });
    expect(segs.map((s) => [s.state, s.startMs, s.endMs])).toEqual([
      ['idle', 1000, 1200],
      ['running', 1200, 1600],
      ['down', 1600, 2000],
    ]);
    // Already in the log: nothing added.
    expect(stateSegments(events, { ...window, currentState: 'running', sinceMs: 1200 })).toHaveLength(2);
  });

  it('knows only the live state when the log is empty, and nothing for an empty window', () => {
    expect(stateSegments([], { ...window, currentState: 'down', sinceMs: 1500 })).toEqual([
      { state: 'down', startMs: 1500, endMs: 2000, x: 0.5, w: 0.5 },
    ]);
    expect(stateSegments([], { ...window, currentState: 'down', sinceMs: 0 })).toEqual([
      { state: 'down', startMs: 1000, endMs: 2000, x: 0, w: 1 },
    ]);
    expect(stateSegments([], window)).toEqual([]);
    expect(stateSegments([], { fromMs: 5, toMs: 5, currentState: 'idle', sinceMs: 0 })).toEqual([]);
  });
});
