import { describe, expect, it } from 'vitest';
import type { LayoutView } from '../api/types.js';
import { AgvAnimator, agvsOf, type AgvSpec } from './agv-animator.js';

const agv = (id: string, homeX: number, lines: string[] = []): AgvSpec => ({
  id,
  homeX,
  homeY: 0,
  speedMps: 1,
  lines,
});

describe('AGV animator', () => {
  it('takes the vehicles of the layout, not conveyors', () => {
    const layout = {
      bounds: { minX: -5, minY: -5, maxX: 5, maxY: 5 },
      transporters: [
        { id: 'A', name: 'A', kind: 'agv', speedMps: 1.2, home: { x: 3, y: 4 } },
        { id: 'F', name: 'F', kind: 'forklift', speedMps: 2, lines: ['L'] },
        { id: 'C', name: 'C', kind: 'conveyor', speedMps: 0.2 },
      ],
    } as unknown as LayoutView;
    const specs = agvsOf(layout);
    expect(specs.map((s) => s.id)).toEqual(['A', 'F']);
    expect(specs[0]).toMatchObject({ homeX: 3, homeY: 4, lines: [] });
    expect(specs[1]).toMatchObject({ homeX: -4, homeY: -4, lines: ['L'] });
  });

  it('sends the nearest free vehicle that serves the line, and none for short moves', () => {
    const a = new AgvAnimator([agv('far', 100), agv('near', 10), agv('other-line', 12, ['B'])], 1);
    expect(a.request(10, 5, 11, 6, 'A', 0)).toBe(-1);
    expect(a.request(12, 5, 40, 5, 'A', 0)).toBe(1);
    expect(a.isBusy(1)).toBe(true);
    // The nearest is busy now; the line-B vehicle may not serve line A.
    expect(a.request(12, 5, 40, 5, 'A', 0)).toBe(0);
    expect(a.request(12, 5, 40, 5, 'A', 0)).toBe(-1);
    expect(a.request(12, 5, 40, 5, 'B', 0)).toBe(2);
  });

  it('drives home → from → to → home on aisle-aligned legs at speed × factor, then is free', () => {
    const factor = 2;
    const a = new AgvAnimator([agv('v', 0)], factor);
    expect(a.request(10, 5, 30, -4, undefined, 100)).toBe(0);
    // Trip: 10 along the aisle, 5 in, 5 out, 20 along, 4 in, 4 out, 30 home = 78 m at 2 m/s.
    const durationS = 78 / (1 * factor);
    const out = new Float32Array(3);
    let reachedFrom = -1;
    let reachedTo = -1;
    let prevX = 0;
    let prevY = 0;
    for (let step = 0; step <= 780; step++) {
      const t = 100 + (step / 780) * durationS;
      a.positionAt(0, t, out, 0);
      const [x, y] = [out[0]!, out[1]!];
      // Each small step moves along x or along y, never both (straight legs along the aisles).
      expect(Math.min(Math.abs(x - prevX), Math.abs(y - prevY))).toBeLessThan(1e-4);
      if (reachedFrom < 0 && Math.hypot(x - 10, y - 5) < 1e-3) reachedFrom = step;
      if (reachedTo < 0 && Math.hypot(x - 30, y + 4) < 1e-3) reachedTo = step;
      prevX = x;
      prevY = y;
    }
    expect(reachedFrom).toBeGreaterThan(0);
    expect(reachedTo).toBeGreaterThan(reachedFrom);
    expect([prevX, prevY]).toEqual([0, 0]);
    expect(a.step(100 + durationS - 0.1)).toBe(1);
    expect(a.step(100 + durationS + 0.01)).toBe(0);
    expect(a.isBusy(0)).toBe(false);
  });
});
