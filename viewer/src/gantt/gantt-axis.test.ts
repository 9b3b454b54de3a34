import { describe, expect, it } from 'vitest';
import { axisTicks, isLocalMidnight, tickStep, timezoneOffsetMs } from './gantt-axis.js';
import { createTickLabels } from './gantt-text.js';

const MIN = 60_000;
const H = 60 * MIN;

describe('gantt axis', () => {
  it('picks the finest step that keeps labels apart', () => {
    expect(tickStep(10 * H, 1000, 90)).toBe(H); // 10 h over 1000 px: 54 min per 90 px
    expect(tickStep(H, 1000, 90)).toBe(10 * MIN);
    expect(tickStep(14 * 24 * H, 1000, 90)).toBe(48 * H);
  });

  it('puts ticks on whole local hours of the plant time zone', () => {
    const out: number[] = [];
    const start = Date.UTC(2025, 5, 1, 0, 10);
    const offset = timezoneOffsetMs(start, 'Asia/Kolkata'); // +5:30
    expect(offset).toBe(5.5 * H);
    const step = axisTicks(start, start + 10 * H, 1000, offset, out);
    expect(step).toBe(H);
    expect(out.length).toBeGreaterThanOrEqual(9);
    for (const t of out) expect((t + offset) % H).toBe(0);
    expect(out[0]).toBeGreaterThanOrEqual(start);
  });

  it('knows time zone offsets and local midnight', () => {
    expect(timezoneOffsetMs(Date.UTC(2025, 0, 15), 'Asia/Shanghai')).toBe(8 * H);
    expect(timezoneOffsetMs(Date.UTC(2025, 6, 15), 'Europe/Berlin')).toBe(2 * H);
    expect(timezoneOffsetMs(Date.UTC(2025, 0, 15), 'Europe/Berlin')).toBe(H);
    expect(timezoneOffsetMs(Date.UTC(2025, 0, 15), 'Not/AZone')).toBe(0);
    expect(timezoneOffsetMs(Date.UTC(2025, 0, 15), undefined)).toBe(0);
    expect(isLocalMidnight(Date.UTC(2025, 0, 15) - 8 * H, 8 * H)).toBe(true);
    expect(isLocalMidnight(Date.UTC(2025, 0, 15), 8 * H)).toBe(false);
  });

  it('labels ticks in the locale and the plant time zone', () => {
    const labels = createTickLabels();
    const t = Date.UTC(2025, 0, 15, 6, 30);
    expect(labels.label(t, false, 'en', 'Asia/Shanghai')).toBe('14:30');
    expect(labels.label(t, false, 'en', 'UTC')).toBe('06:30');
    expect(labels.label(Date.UTC(2025, 0, 14, 16), true, 'en', 'Asia/Shanghai')).toBe('15 Jan');
    expect(labels.label(Date.UTC(2025, 0, 14, 16), true, 'zh', 'Asia/Shanghai')).toBe('1月15日');
  });
});
