import { Html } from '@react-three/drei';
import { useMemo } from 'react';
import { Vector3 } from 'three';
import type { LayoutView } from '../api/types.js';
import { kindLabel } from '../i18n/names.js';
import { useTranslate } from '../i18n/use-translate.js';
import { stateColour } from '../palette.js';
import { useSlice } from '../store/context.js';
import type { SceneController } from './scene-controller.js';
import { shownMachines } from './shown.js';

/** One label, above the machine under the pointer: name, kind, state and order at the moment shown. */
export function HoverLabel({ layout, controller }: { layout: LayoutView; controller: SceneController }) {
  const t = useTranslate();
  const hovered = useSlice((s) => s.hovered);
  const at = useSlice((s) => (hovered === undefined ? undefined : shownMachines(s)[hovered]));
  const palette = useSlice((s) => s.palette);
  const alarm = useSlice((s) => s.alarms.find((a) => a.active && a.asset === hovered));
  const machines = useMemo(() => new Map(layout.machines.map((m) => [m.id, m])), [layout]);
  const position = useMemo(() => {
    const top = new Vector3();
    return hovered !== undefined && controller.machines.topOf(hovered, top)
      ? top.setY(top.y + 0.4)
      : undefined;
  }, [hovered, controller]);
  if (hovered === undefined || !position) return null;
  const machine = machines.get(hovered);
  return (
    <Html position={position} center zIndexRange={[20, 10]} style={{ transform: 'translateY(-70%)' }}>
      <div className="scene-label" data-testid="scene-label">
        <strong>{machine?.name ?? hovered}</strong>
        {machine && <span className="kind">{kindLabel(t, machine.kind)}</span>}
        <div>
          {at && <span className="state" style={{ background: stateColour(at.state, palette) }} />}
          {at ? t(`state.${at.state}`) : t('common.none')}
        </div>
        <div>{at?.order ? t('scene.label.order', { order: at.order }) : t('scene.label.noOrder')}</div>
        {alarm && <div>{t('scene.label.alarm', { message: alarm.message })}</div>}
      </div>
    </Html>
  );
}
