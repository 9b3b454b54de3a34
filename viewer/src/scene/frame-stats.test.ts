import { describe, expect, it } from 'vitest';
import { FrameStats } from './frame-stats.js';

describe('frame statistics', () => {
  it('gives frames per second, mean, 95th percentile and the share of store updates', () => {
    const stats = new FrameStats();
    stats.reset(1000);
    for (let i = 1; i <= 100; i++) {
      if (i % 10 === 0) stats.addUpdate(5);
      stats.endFrame((i <= 95 ? 1 : 20) + (i % 10 === 0 ? 5 : 0), 1000 + i * 20, 0.5);
    }
    stats.addLongTask(80);
    const s = stats.snapshot();
    expect(s.frames).toBe(100);
    expect(s.windowS).toBe(2);
    expect(s.fps).toBe(50);
    // 95 frames of 1 ms (9 of them + 5 ms), 5 of 20 ms (one + 5 ms).
    expect(s.jsMsMean).toBeCloseTo((95 + 100 + 50) / 100, 5);
    expect(s.jsMsP95).toBe(20);
    expect(s.jsMsMax).toBe(25);
    expect(s.updateMsMean).toBe(0.5);
    expect(s.renderMsMean).toBe(0.5);
    expect(s).toMatchObject({ longTasks: 1, longTaskMs: 80 });
    stats.reset(5000);
    expect(stats.snapshot()).toMatchObject({ frames: 0, fps: 0, jsMsMean: 0, longTasks: 0 });
  });

  it('counts WIP items placed and changed per update and instances written per frame', () => {
    const stats = new FrameStats();
    stats.reset(0);
    stats.addPlaced(300, 40);
    stats.addPlaced(100, 20);
    stats.addWritten(90);
    stats.endFrame(1, 10);
    stats.addWritten(30);
    stats.endFrame(1, 20);
    expect(stats.snapshot()).toMatchObject({
      wipUpdates: 2,
      placedPerUpdate: 200,
      changedPerUpdate: 30,
      instancesWrittenPerFrame: 60,
    });
    stats.reset(30);
    expect(stats.snapshot()).toMatchObject({
      wipUpdates: 0,
      placedPerUpdate: 0,
      instancesWrittenPerFrame: 0,
    });
  });
});
