import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { Vector3 } from 'three';
import type { FrameStats, FrameStatsSnapshot } from './frame-stats.js';
import type { SceneController } from './scene-controller.js';

/** What end-to-end tests and the frame benchmark read from the page (`window.__twinScene`). */
export interface TwinSceneHooks {
  /** Where a machine's top centre is on the page, in CSS pixels; undefined if unknown or behind the camera. */
  machineScreenPosition(id: string): { x: number; y: number } | undefined;
  /** The '#rrggbb' colour written to the machine's instance. */
  machineColour(id: string): string | undefined;
  counts(): { machines: number; wip: number; agvs: number };
  frameStats(): FrameStatsSnapshot & { drawCalls: number; triangles: number };
  /** Starts a new sampling window (the benchmark calls it after warming up). */
  resetFrameStats(): void;
}

export function useSceneHooks(controller: SceneController, stats: FrameStats): void {
  const get = useThree((s) => s.get);
  useEffect(() => {
    const v = new Vector3();
    const hooks: TwinSceneHooks = {
      machineScreenPosition(id) {
        const { camera, gl } = get();
        if (!controller.machines.topOf(id, v)) return undefined;
        v.project(camera);
        if (v.z > 1) return undefined;
        const rect = gl.domElement.getBoundingClientRect();
        return {
          x: rect.left + window.scrollX + ((v.x + 1) / 2) * rect.width,
          y: rect.top + window.scrollY + ((1 - v.y) / 2) * rect.height,
        };
      },
      machineColour: (id) => controller.machines.colourOf(id),
      counts: () => ({
        machines: controller.machines.index.count,
        wip: controller.wip.wipCount,
        agvs: controller.wip.agvCount,
      }),
      frameStats: () => {
        const info = get().gl.info.render;
        return { ...stats.snapshot(), drawCalls: info.calls, triangles: info.triangles };
      },
      resetFrameStats: () => stats.reset(performance.now()),
    };
    const w = window as unknown as { __twinScene?: TwinSceneHooks };
    w.__twinScene = hooks;
    const observer =
      'PerformanceObserver' in window && window.PerformanceObserver.supportedEntryTypes.includes('longtask')
        ? new window.PerformanceObserver((list) => {
            for (const e of list.getEntries()) stats.addLongTask(e.duration);
          })
        : undefined;
    observer?.observe({ type: 'longtask' });
    return () => {
      observer?.disconnect();
      if (w.__twinScene === hooks) delete w.__twinScene;
    };
  }, [controller, stats, get]);
}
