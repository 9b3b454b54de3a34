import { sparklinePoints } from './sparkline.js';
import './panels.css';

export interface SparklineProps {
  values: readonly number[];
  /** x of each value (e.g. times); evenly spaced when omitted. */
  xs?: readonly number[];
  width?: number;
  height?: number;
  min?: number;
  max?: number;
  title?: string;
}

/** A tiny trend line: a hand-written SVG polyline (no chart library for a few dozen points). */
export function Sparkline({ values, xs, width = 64, height = 18, min, max, title }: SparklineProps) {
  const points = sparklinePoints(values, { width, height, pad: 1.5, min, max }, xs);
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden={!title}
    >
      {title && <title>{title}</title>}
      {points && <polyline points={points} />}
    </svg>
  );
}
