import { CameraControls } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import { useEffect, useRef, type RefObject } from 'react';
import type { PerspectiveCamera } from 'three';
import type { LayoutView } from '../api/types.js';
import { useTranslate } from '../i18n/use-translate.js';
import { fitCamera, type FloorRect } from './camera-fit.js';

/** Aims the camera at a line (or, without one, the whole plant). */
export type Aim = (lineId: string | undefined, smooth?: boolean) => void;

/** Looking north, 45° down: machines show their fronts and tops. */
const TILT = Math.PI / 4;
/** Room around a line's area: its outline margin and the name label hanging below its south-west corner. */
const LINE_FRAME_M = 3;

/** The floor rectangle a preset frames: the whole floor, or one line with a little room around it. */
function presetRect(layout: LayoutView, lineId: string | undefined): FloorRect {
  const line = layout.lines.find((l) => l.id === lineId);
  if (!line) return layout.bounds;
  const halfW = line.size.width / 2 + LINE_FRAME_M;
  const halfD = line.size.depth / 2 + LINE_FRAME_M;
  return {
    minX: line.centre.x - halfW,
    maxX: line.centre.x + halfW,
    minY: line.centre.y - halfD,
    maxY: line.centre.y + halfD,
  };
}

/** Camera controls (orbit, pan, zoom; they ask for frames only while the camera moves) and the presets. */
export function CameraRig({ layout, aim }: { layout: LayoutView; aim: RefObject<Aim | null> }) {
  const controls = useRef<CameraControls>(null);
  const fov = useThree((s) => (s.camera as PerspectiveCamera).fov);
  const aspect = useThree((s) => (s.size.height > 0 ? s.size.width / s.size.height : 1));
  // The last preset, framed again when the canvas changes shape until the user moves the camera.
  const preset = useRef<{ lineId: string | undefined; userMoved: boolean }>({
    lineId: undefined,
    userMoved: false,
  });
  // Before the aiming effect: a new layout starts at the whole plant.
  useEffect(() => {
    preset.current = { lineId: undefined, userMoved: false };
  }, [layout]);
  useEffect(() => {
    const to: Aim = (lineId, smooth = true) => {
      preset.current = { lineId, userMoved: false };
      const { position: p, target: t } = fitCamera(presetRect(layout, lineId), {
        fovDeg: fov,
        aspect,
        tilt: TILT,
      });
      void controls.current?.setLookAt(p.x, p.y, p.z, t.x, t.y, t.z, smooth);
    };
    aim.current = to;
    if (!preset.current.userMoved) to(preset.current.lineId, false);
    return () => {
      aim.current = null;
    };
  }, [layout, aim, fov, aspect]);
  return (
    <CameraControls
      ref={controls}
      makeDefault
      onControlStart={() => {
        preset.current.userMoved = true;
      }}
      maxPolarAngle={Math.PI / 2 - 0.05}
      minDistance={2}
      maxDistance={3000}
    />
  );
}

/** A button per line (and one for the whole plant) that aims the camera there. */
export function CameraPresets({ layout, aim }: { layout: LayoutView; aim: RefObject<Aim | null> }) {
  const t = useTranslate();
  return (
    <div className="scene-presets" role="toolbar" aria-label={t('scene.camera.title')}>
      <button type="button" data-testid="camera-preset-all" onClick={() => aim.current?.(undefined)}>
        {t('scene.camera.all')}
      </button>
      {layout.lines.map((line) => (
        <button
          type="button"
          key={line.id}
          data-testid={`camera-preset-${line.id}`}
          title={t('scene.camera.preset', { line: line.name })}
          onClick={() => aim.current?.(line.id)}
        >
          {line.name}
        </button>
      ))}
    </div>
  );
}
