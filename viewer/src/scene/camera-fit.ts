/** A rectangle on the floor plan (metres, x east, y north). */
export interface FloorRect {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The camera's lens and how it looks at the floor. */
export interface CameraView {
  /** Vertical field of view, degrees (three's PerspectiveCamera.fov). */
  fovDeg: number;
  /** Canvas width / height. */
  aspect: number;
  /** Angle of the line of sight below the horizon, radians; the camera looks north. */
  tilt: number;
  /** Share of the canvas the rectangle may use, each way (a little room at the edges). */
  fill?: number;
}

/** Where the camera stands and what it looks at, in three.js coordinates (y up, floor y → -z). */
export interface CameraPose {
  position: { x: number; y: number; z: number };
  target: { x: number; y: number; z: number };
}

const cot = (a: number): number => 1 / Math.tan(a);

/**
 * The closest pose, looking north at the given tilt, from which the whole rectangle is in view. Seen tilted, the
 * rectangle is a trapezoid: its near (south) edge is the widest and lowest, its far edge the narrowest and highest.
 * The near and far edges sit at equal angles γ below and above the line of sight (so the picture is centred
 * vertically); γ is the half field of view when the depth is what limits, and smaller when the near edge's width
 * does (found by bisection: a smaller γ puts the camera further away, widening the view at the near edge).
 */
export function fitCamera(rect: FloorRect, view: CameraView): CameraPose {
  const fill = view.fill ?? 0.96;
  const halfV = Math.atan(Math.tan((view.fovDeg * Math.PI) / 360) * fill);
  const tanHalfH = Math.tan(halfV) * view.aspect;
  // The far edge must stay below the horizon.
  const tilt = Math.min(Math.max(view.tilt, halfV + 0.05), Math.PI / 2 - 0.01);
  const depth = Math.max(rect.maxY - rect.minY, 0.1);
  const halfWidth = Math.max(rect.maxX - rect.minX, 0.1) / 2;

  const height = (g: number): number => depth / (cot(tilt - g) - cot(tilt + g));
  // Distance along the line of sight to the near edge, where the view's half width is this × tanHalfH.
  const nearDepth = (g: number): number => (height(g) * Math.cos(g)) / Math.sin(tilt + g);
  let g = halfV;
  if (nearDepth(g) * tanHalfH < halfWidth) {
    let lo = 1e-6;
    let hi = halfV;
    for (let i = 0; i < 60; i++) {
      g = (lo + hi) / 2;
      if (nearDepth(g) * tanHalfH < halfWidth) hi = g;
      else lo = g;
    }
    g = lo;
  }
  const h = height(g);
  const x = (rect.minX + rect.maxX) / 2;
  const z = -rect.minY + h * cot(tilt + g);
  return { position: { x, y: h, z }, target: { x, y: 0, z: z - h * cot(tilt) } };
}
