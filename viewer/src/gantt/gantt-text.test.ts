import { describe, expect, it } from 'vitest';
import type { Assignment, Plan } from '../api/types.js';
import { translate, type Translate } from '../i18n/translate.js';
import { hashString } from '../util/hash-string.js';
import { hslToHex, orderColour, textOn } from './gantt-colours.js';
import { buildGanttLayout } from './gantt-layout.js';
import { tooltipLines } from './gantt-text.js';

const EPOCH = Date.UTC(2025, 0, 15, 0);

describe('order colours', () => {
  it('give an order the same colour every time and different orders different colours', () => {
    expect(orderColour('SO-1')).toBe(orderColour('SO-1'));
    const colours = new Set(Array.from({ length: 100 }, (_, i) => orderColour(`SO-${i}`)));
    expect(colours.size).toBeGreaterThan(90);
    for (const c of colours) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    expect(hashString('a')).not.toBe(hashString('b'));
  });

  it('convert HSL and choose readable text', () => {
    expect(hslToHex(0, 1, 0.5)).toBe('#ff0000');
    expect(hslToHex(120, 1, 0.5)).toBe('#00ff00');
    expect(hslToHex(0, 0, 1)).toBe('#ffffff');
    expect(textOn('#ffffff')).toBe('#111111');
    expect(textOn('#bcbcbc')).toBe('#111111');
    expect(textOn('#2e9e44')).toBe('#ffffff');
  });
});

describe('tooltip', () => {
  const plan = {
    id: 'p',
    version: 1,
    status: 'draft',
    trigger: { kind: 'manual' },
    createdAtMs: EPOCH,
    epochMs: EPOCH,
    seed: 1,
    inputHash: 'h',
    engine: 'e',
    frozen: [0],
    assignments: [
      { order: 'SO-1', operation: 'turn', machine: 'M1', startS: 3600, endS: 7200, setupS: 900, batch: 'B7' },
    ] as unknown as Assignment[],
  } as Plan;
  const machine = {
    id: 'M1',
    name: 'Lathe 1',
    kind: 'cnc',
    line: 'L1',
    placement: { position: { x: 0, y: 0 }, footprint: { width: 1, depth: 1 } },
    maintenance: [],
  };

  it('names order, operation, machine, times in the plant zone, setup, batch, due date and frozen', () => {
    const layout = buildGanttLayout({
      plan,
      machines: [machine],
      orders: { 'SO-1': { dueMs: EPOCH + 5400_000 } },
    });
    const t: Translate = (key, params) => translate('en', key, params);
    const lines = tooltipLines(layout, 0, t, 'en', 'Asia/Shanghai');
    expect(lines).toEqual([
      'Order SO-1',
      'Operation turn',
      'Machine Lathe 1',
      '15/01/2025, 09:00:00 – 15/01/2025, 10:00:00',
      'Setup 15 min before the start',
      'Batch B7',
      'Late: order due 15/01/2025, 09:30:00',
      'Frozen: will not move in a reschedule',
    ]);
    const zh: Translate = (key, params) => translate('zh', key, params);
    expect(tooltipLines(layout, 0, zh, 'zh', 'Asia/Shanghai')[0]).toBe('订单 SO-1');
    expect(tooltipLines(layout, 5, t, 'en', undefined)).toEqual([]);
  });
});
