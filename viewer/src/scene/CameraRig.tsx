import { CameraControls } from '@react-three/drei';
import { useEffect, useRef, type RefObject } from 'react';
import type { LayoutView } from '../api/types.js';
import { useTranslate } from '../i18n/use-translate.js';

/** Aims the camera at a line (or, without one, the whole plant). */
export type Aim = (lineId: string | undefined, smooth?: boolean) => void;

/** Camera controls (orbit, pan, zoom; they ask for frames only while the camera moves) and the presets. */
export function CameraRig({ layout, aim }: { layout: LayoutView; aim: RefObject<Aim | null> }) {
  const controls = useRef<CameraControls>(null);
  useEffect(() => {
    const to: Aim = (lineId, smooth = true) => {
      const line = layout.lines.find((l) => l.id === lineId);
      const { minX, minY, maxX, maxY } = layout.bounds;
      const x = line ? line.centre.x : (minX + maxX) / 2;
      const y = line ? line.centre.y : (minY + maxY) / 2;
      const size = line ? Math.max(line.size.width, line.size.depth * 2) : Math.max(maxX - minX, maxY - minY);
      // From the south and above, far enough for the extent to fill a 45° view.
      const d = size * 0.62 + 6;
      void controls.current?.setLookAt(x, d * 0.7, -y + d * 0.7, x, 0, -y, smooth);
    };
    aim.current = to;
    to(undefined, false);
    return () => {
      aim.current = null;
    };
  }, [layout, aim]);
  return (
    <CameraControls
      ref={controls}
      makeDefault
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
