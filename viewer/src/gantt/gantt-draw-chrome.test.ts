import { describe, expect, it } from 'vitest';
import { tickLabelLeft, type TimeBadge } from './gantt-draw-chrome.js';

const badge = (left: number, width: number): TimeBadge => ({ left, width, colour: '#c00', label: 'now' });

describe('tickLabelLeft', () => {
  it('puts a label just right of its tick when no badge is near', () => {
    expect(tickLabelLeft(100, 40, 260, [])).toBe(103);
    expect(tickLabelLeft(100, 40, 260, [undefined, badge(300, 30)])).toBe(103);
    // Without a badge the label keeps its place even if long (the axis picks tick spacing for its labels).
    expect(tickLabelLeft(100, 200, 260, [badge(400, 30)])).toBe(103);
  });

  it('moves a label a badge would cover to just past the badge, clear of it', () => {
    const now = badge(120, 35);
    const left = tickLabelLeft(100, 40, 260, [now]);
    expect(left).toBeGreaterThanOrEqual(now.left + now.width + 3);
    expect(left + 40).toBeLessThan(260);
  });

  it('moves it past two badges side by side', () => {
    const badges = [badge(110, 30), badge(142, 30)];
    const left = tickLabelLeft(100, 40, 300, badges);
    expect(left).toBeGreaterThanOrEqual(175);
  });

  it('leaves the label out when past the badge it would run into the next tick', () => {
    expect(tickLabelLeft(100, 40, 200, [badge(110, 60)])).toBeNaN();
  });
});
