import { describe, expect, it } from 'vitest';
import { buildPlayback, playbackAt, playbackKpis } from './plan-playback.js';

const EPOCH = 1_000_000;
interface A {
  order: string;
  machine: string;
  startS: number;
  endS: number;
  setupS?: number;
}
const asg = (order: string, machine: string, startS: number, endS: number, setupS?: number): A => ({
  order,
  machine,
  startS,
  endS,
  ...(setupS && { setupS }),
});

describe('plan playback', () => {
  const plan = {
    id: 'p1',
    epochMs: EPOCH,
    assignments: [
      asg('O2', 'M1', 200, 300, 50),
      asg('O1', 'M1', 0, 100),
      asg('O1', 'M2', 100, 250, 20),
      asg('O3', 'M2', 400, 500),
    ],
  };
  const p = buildPlayback({
    plan,
    machines: [
      { id: 'M1' },
      { id: 'M2', maintenance: [{ startMs: EPOCH + 300_000, endMs: EPOCH + 350_000 }] },
      { id: 'M3' },
    ],
    dueMs: { O1: EPOCH + 200_000, O2: EPOCH + 400_000, O3: EPOCH + 450_000 },
  });
  const at = (s: number) => playbackAt(p, EPOCH + s * 1000);

  it('spans the plan from the first setup to the last end', () => {
    expect(p.startMs).toBe(EPOCH);
    expect(p.endMs).toBe(EPOCH + 500_000);
    expect(p.orders).toBe(3);
  });

  it('shows setup, running, maintenance and idle with half-open intervals', () => {
    expect(at(0)).toEqual({
      M1: { state: 'running', order: 'O1' },
      M2: { state: 'idle' },
      M3: { state: 'idle' },
    });
    expect(at(80).M2).toEqual({ state: 'setup', order: 'O1' });
    expect(at(100).M1).toEqual({ state: 'idle' });
    expect(at(100).M2).toEqual({ state: 'running', order: 'O1' });
    expect(at(150).M1).toEqual({ state: 'setup', order: 'O2' });
    expect(at(200).M1).toEqual({ state: 'running', order: 'O2' });
    expect(at(300).M1).toEqual({ state: 'idle' });
    expect(at(320).M2).toEqual({ state: 'maintenance' });
    expect(at(350).M2).toEqual({ state: 'idle' });
    expect(at(499).M2).toEqual({ state: 'running', order: 'O3' });
    expect(at(-10).M1).toEqual({ state: 'idle' });
  });

  it('counts WIP, finished and late orders at t', () => {
    const k = (s: number) => playbackKpis(p, at(s), EPOCH + s * 1000);
    expect(k(0)).toEqual({ runningShare: 1 / 3, setupShare: 0, wip: 1, finished: 0, late: 0 });
    expect(k(160)).toMatchObject({ wip: 2, finished: 0, late: 0 });
    // O1 is due at 200 and ends at 250: late from its due time on.
    expect(k(201)).toMatchObject({ wip: 2, finished: 0, late: 1 });
    expect(k(250)).toMatchObject({ wip: 1, finished: 1, late: 1 });
    // O3 ends at 500 after its due time at 450.
    expect(k(460)).toMatchObject({ wip: 1, finished: 2, late: 2 });
    expect(k(500)).toMatchObject({ wip: 0, finished: 3, late: 2 });
  });

  it('answers for 10,000 operations on 500 machines (timings belong to benchmarks, not tests)', () => {
    const assignments: A[] = [];
    const due: Record<string, number> = {};
    for (let i = 0; i < 10_000; i++) {
      const m = i % 500;
      const slot = Math.floor(i / 500);
      assignments.push(asg(`O${i % 2000}`, `M${m}`, slot * 100 + 10, slot * 100 + 90, 10));
      due[`O${i % 2000}`] = EPOCH + 1_000_000;
    }
    const machines = Array.from({ length: 500 }, (_, m) => ({ id: `M${m}` }));
    const big = buildPlayback({ plan: { id: 'big', epochMs: EPOCH, assignments }, machines, dueMs: due });
    let running = 0;
    for (let k = 0; k < 200; k++) {
      const t = EPOCH + k * 10_000;
      running += playbackKpis(big, playbackAt(big, t), t).runningShare;
    }
    expect(running).toBeGreaterThan(0);
    expect(playbackAt(big, EPOCH + 5_000).M0).toEqual({ state: 'setup', order: 'O0' });
    expect(playbackAt(big, EPOCH + 50_000).M7).toEqual({ state: 'running', order: 'O7' });
  });
});
