import { useFrame, useThree, type ThreeEvent } from '@react-three/fiber';
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import type { LayoutView } from '../api/types.js';
import { useViewerContext } from '../store/context.js';
import { CameraRig, type Aim } from './CameraRig.js';
import { FloorPlan } from './FloorPlan.js';
import type { FrameStats } from './frame-stats.js';
import { HoverLabel } from './HoverLabel.js';
import { indexFloor } from './floor-index.js';
import { machineAt } from './instance-index.js';
import { SceneController } from './scene-controller.js';
import { useSceneHooks } from './scene-hooks.js';

interface Props {
  layout: LayoutView;
  stats: FrameStats;
  aim: RefObject<Aim | null>;
}

/** Everything inside the canvas: lights, floor plan, instanced machines, overlays, WIP, AGVs, camera. */
export function PlantScene({ layout, stats, aim }: Props) {
  const { store } = useViewerContext();
  const invalidate = useThree((s) => s.invalidate);
  const floor = useMemo(() => indexFloor(layout), [layout]);
  const controller = useMemo(() => new SceneController(layout, floor, stats), [layout, floor, stats]);
  useEffect(() => {
    const stop = controller.start(store, invalidate);
    return () => {
      stop();
      controller.dispose();
    };
  }, [controller, store, invalidate]);
  useSceneHooks(controller, stats);
  useFrameDriver(controller, stats);

  const handlers = useMemo(() => {
    const idOf = (e: ThreeEvent<PointerEvent | MouseEvent>): string | undefined =>
      e.instanceId === undefined
        ? undefined
        : machineAt(controller.machines.index, e.object.userData.kind as number, e.instanceId);
    return {
      onPointerMove: (e: ThreeEvent<PointerEvent>) => {
        e.stopPropagation();
        const id = idOf(e);
        if (store.getState().hovered !== id) store.setState({ hovered: id });
        document.body.style.cursor = id === undefined ? '' : 'pointer';
      },
      onPointerOut: () => {
        if (store.getState().hovered !== undefined) store.setState({ hovered: undefined });
        document.body.style.cursor = '';
      },
      onClick: (e: ThreeEvent<MouseEvent>) => {
        e.stopPropagation();
        const id = idOf(e);
        if (id !== undefined) {
          store.setState((s) => ({ selection: { ...s.selection, machine: id }, sidePanel: 'machine' }));
        }
      },
    };
  }, [controller, store]);

  return (
    <>
      <hemisphereLight args={['#ffffff', '#8a8f96', 1.1]} />
      <directionalLight position={[60, 120, 40]} intensity={1.6} />
      <FloorPlan layout={layout} floor={floor} />
      {/* Keyed by controller: a new layout brings new meshes, mounted afresh. */}
      <group key={controller.serial}>
        {controller.machines.meshes.map((mesh, k) => (
          <primitive key={k} object={mesh} {...handlers} />
        ))}
        <primitive object={controller.machines.rings} />
        <primitive object={controller.machines.beacons} />
        <primitive object={controller.wip.group} />
      </group>
      <HoverLabel layout={layout} controller={controller} />
      <CameraRig layout={layout} aim={aim} />
    </>
  );
}

/**
 * The frame loop: applies the store's changes, glides WIP and drives AGVs, then renders (priority 1 takes rendering over from r3f, so the
 * render call can be timed). A frame is asked for again only while something moves.
 */
function useFrameDriver(controller: SceneController, stats: FrameStats): void {
  const start = useRef(0);
  // First of the frame's callbacks (camera controls run at -1): the frame's JavaScript starts here.
  useFrame(() => {
    start.current = performance.now();
    controller.flush();
  }, -100);
  useFrame((state) => {
    const moving = controller.wip.frame(performance.now() / 1000);
    const beforeRender = performance.now();
    state.gl.render(state.scene, state.camera);
    const end = performance.now();
    stats.endFrame(end - start.current, end, end - beforeRender);
    if (moving) state.invalidate();
  }, 1);
}
