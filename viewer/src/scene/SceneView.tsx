import { Canvas } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslate } from '../i18n/use-translate.js';
import { useSlice, useViewerContext } from '../store/context.js';
import { benchFromUrl } from './bench-mode.js';
import { CameraPresets, type Aim } from './CameraRig.js';
import { FrameStats } from './frame-stats.js';
import { PlantScene } from './PlantScene.js';
import './scene.css';

/**
 * The live 3D plant (react-three-fiber). Frames are drawn on demand (`invalidate()` when the store changes or
 * something moves), except in benchmark mode (`?bench=<machines>x<wip>`), which renders continuously.
 */
export function SceneView() {
  const { store } = useViewerContext();
  const t = useTranslate();
  const layout = useSlice((s) => s.layout);
  const bench = useMemo(() => benchFromUrl(), []);
  const stats = useMemo(() => new FrameStats(), []);
  const aim = useRef<Aim | null>(null);
  useEffect(() => stats.reset(performance.now()), [stats]);
  return (
    <div className="scene-view" data-testid="scene" aria-label={t('scene.aria')}>
      <Canvas
        frameloop={bench ? 'always' : 'demand'}
        camera={{ fov: 45, near: 0.5, far: 5000, position: [0, 80, 80] }}
        dpr={[1, 2]}
        onPointerMissed={() => store.setState({ hovered: undefined })}
      >
        {layout && <PlantScene layout={layout} stats={stats} aim={aim} />}
      </Canvas>
      {layout && <CameraPresets layout={layout} aim={aim} />}
      {!layout && <div className="scene-empty">{t('app.loading')}</div>}
      {bench && <div className="scene-bench">{t('scene.bench', bench)}</div>}
    </div>
  );
}
