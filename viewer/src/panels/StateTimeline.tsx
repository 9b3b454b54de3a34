import { stateColour } from '../palette.js';
import { useSlice } from '../store/context.js';
import type { StateSegment } from './state-timeline.js';
import { useFormat } from './use-format.js';

/** A horizontal bar of a machine's states over a window, with the window's ends as labels. */
export function StateTimeline({
  segments,
  fromMs,
  toMs,
}: {
  segments: readonly StateSegment[];
  fromMs: number;
  toMs: number;
}) {
  const f = useFormat();
  const palette = useSlice((s) => s.palette);
  const tip = (s: StateSegment) =>
    `${f.state(s.state)} · ${f.time(s.startMs)}–${f.time(s.endMs)} (${f.duration(s.endMs - s.startMs)})`;
  return (
    <div className="state-timeline" data-testid="state-timeline">
      <svg className="state-bar" viewBox="0 0 1000 10" preserveAspectRatio="none" role="img">
        {segments.map((s) => (
          <rect
            key={s.startMs}
            x={s.x * 1000}
            width={Math.max(s.w * 1000, 0.5)}
            height={10}
            fill={stateColour(s.state, palette)}
          >
            <title>{tip(s)}</title>
          </rect>
        ))}
      </svg>
      <div className="state-axis">
        <span>{f.time(fromMs)}</span>
        <span>{f.time(toMs)}</span>
      </div>
    </div>
  );
}
