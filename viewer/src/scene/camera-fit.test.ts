import { PerspectiveCamera, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { fitCamera, type CameraView, type FloorRect } from './camera-fit.js';

/** The rectangle's corners on screen (normalised device coordinates) with three's own projection. */
function project(rect: FloorRect, view: CameraView) {
  const pose = fitCamera(rect, view);
  const camera = new PerspectiveCamera(view.fovDeg, view.aspect, 0.1, 10_000);
  camera.position.set(pose.position.x, pose.position.y, pose.position.z);
  camera.lookAt(pose.target.x, pose.target.y, pose.target.z);
  camera.updateMatrixWorld();
  const corners = [
    [rect.minX, rect.minY],
    [rect.maxX, rect.minY],
    [rect.minX, rect.maxY],
    [rect.maxX, rect.maxY],
  ].map(([x, y]) => new Vector3(x, 0, -y!).project(camera));
  const xs = corners.map((c) => c.x);
  const ys = corners.map((c) => c.y);
  return { pose, minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
}

const view = (aspect: number, tilt = Math.PI / 4): CameraView => ({ fovDeg: 45, aspect, tilt, fill: 1 });

describe('fitCamera', () => {
  it('fills the height with a deep rectangle: near edge at the bottom, far edge at the top', () => {
    const s = project({ minX: 0, minY: 0, maxX: 20, maxY: 100 }, view(2));
    expect(s.minY).toBeCloseTo(-1, 6);
    expect(s.maxY).toBeCloseTo(1, 6);
    expect(s.maxX).toBeLessThan(1);
    expect(s.minX).toBeCloseTo(-s.maxX, 6);
  });

  it('fills the width with a wide rectangle, centred vertically', () => {
    const s = project({ minX: -10, minY: 5, maxX: 190, maxY: 40 }, view(1.5));
    expect(s.maxX).toBeCloseTo(1, 6);
    expect(s.minX).toBeCloseTo(-1, 6);
    expect(s.maxY).toBeLessThan(1);
    expect(s.minY).toBeCloseTo(-s.maxY, 6);
  });

  it('follows the aspect ratio: a narrower canvas puts the camera further away', () => {
    const rect = { minX: 0, minY: 0, maxX: 120, maxY: 50 };
    const wide = fitCamera(rect, view(2.5)).position.y;
    const narrow = fitCamera(rect, view(1)).position.y;
    expect(narrow).toBeGreaterThan(wide * 1.5);
    const s = project(rect, view(1));
    expect(Math.max(s.maxX, s.maxY, -s.minX, -s.minY)).toBeCloseTo(1, 6);
  });

  it('looks from the south at the tilt asked for, and keeps the far edge below the horizon', () => {
    const rect = { minX: 0, minY: 0, maxX: 60, maxY: 30 };
    for (const tilt of [Math.PI / 3, Math.PI / 4]) {
      const { position: p, target: t } = fitCamera(rect, view(1.6, tilt));
      expect(p.z).toBeGreaterThan(t.z);
      expect(Math.atan2(p.y - t.y, p.z - t.z)).toBeCloseTo(tilt, 9);
    }
    const s = project(rect, view(1.6, 0.1));
    expect(s.maxY).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('leaves the margin asked for', () => {
    const s = project({ minX: 0, minY: 0, maxX: 100, maxY: 20 }, { ...view(1.5), fill: 0.9 });
    expect(s.maxX).toBeCloseTo(0.9, 6);
  });
});
