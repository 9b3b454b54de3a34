// What the viewer's end-to-end tests read from the page: the store and the scene's and Gantt's test hooks
// (window.__twinStore, __twinScene, __twinGantt), the WebGL context of the scene's canvas, and the colours of a
// screenshot (decoded by the browser itself). Callbacks passed to page.evaluate run in the page: they may use
// only their argument and the page's globals.
import type { Locator, Page } from 'playwright-core';
import { stateColour, type Palette } from '../../viewer/src/palette.js';
import type { ShopFloorState } from '../../twin/schema/machine-state.js';

/** The parts of the viewer's state the tests read (viewer/src/store/state.ts). */
export interface PageState {
  connection: string;
  role?: string;
  palette: Palette;
  locale: string;
  sidePanel: string;
  layout?: { machines: { id: string; line: string }[]; lines: { id: string }[] };
  machines: Record<string, { state: ShopFloorState; order?: string }>;
  activePlan?: { id: string; assignments: { order: string; operation: string; machine: string }[] };
  selection: { machine?: string; order?: string };
  timeView: { mode: string };
}

/** The page's globals the tests use (the hooks of viewer/src/scene/scene-hooks.ts and gantt/GanttView.tsx). */
export interface TwinWindow {
  __twinStore: { getState(): PageState };
  __twinScene?: {
    machineScreenPosition(id: string): { x: number; y: number } | undefined;
    machineColour(id: string): string | undefined;
    counts(): { machines: number; wip: number; agvs: number };
    frameStats(): { frames: number; drawCalls: number; triangles: number };
  };
  __twinGantt?: {
    barScreenPosition(order: string, operation: string): { x: number; y: number } | undefined;
  };
}

export async function pageState(page: Page): Promise<PageState> {
  return page.evaluate(() => {
    const s = (globalThis as unknown as TwinWindow).__twinStore.getState();
    // Only what the tests read: the whole state holds functions and large histories.
    return {
      connection: s.connection,
      role: s.role,
      palette: s.palette,
      locale: s.locale,
      sidePanel: s.sidePanel,
      layout: s.layout && {
        machines: s.layout.machines.map((m) => ({ id: m.id, line: m.line })),
        lines: s.layout.lines.map((l) => ({ id: l.id })),
      },
      machines: s.machines,
      activePlan: s.activePlan && {
        id: s.activePlan.id,
        assignments: s.activePlan.assignments.map((a) => ({
          order: a.order,
          operation: a.operation,
          machine: a.machine,
        })),
      },
      selection: s.selection,
      timeView: { mode: s.timeView.mode },
    };
  });
}

export interface MachineColour {
  id: string;
  /** What the scene wrote to the machine's instance. */
  colour: string | undefined;
  /** The machine's state in the store at the same moment. */
  state: ShopFloorState | undefined;
}

/** Every machine's drawn colour and its state in the store, read in one go (one task of the page). */
export async function machineColours(page: Page): Promise<{ palette: Palette; machines: MachineColour[] }> {
  return page.evaluate(() => {
    const w = globalThis as unknown as TwinWindow;
    const s = w.__twinStore.getState();
    const ids = s.layout?.machines.map((m) => m.id) ?? [];
    return {
      palette: s.palette,
      machines: ids.map((id) => ({
        id,
        colour: w.__twinScene?.machineColour(id),
        state: s.machines[id]?.state,
      })),
    };
  });
}

/** The machines whose drawn colour is not their state's colour in the palette (a machine without state is 'off'). */
export function colourMismatches(sample: { palette: Palette; machines: MachineColour[] }): string[] {
  return sample.machines
    .filter((m) => m.colour !== stateColour(m.state ?? 'off', sample.palette))
    .map((m) => `${m.id}: ${m.state ?? 'no state'} drawn ${m.colour ?? 'not drawn'}`);
}

export interface WebGlInfo {
  version: string;
  renderer: string;
  lost: boolean;
  width: number;
  height: number;
}

/** The WebGL context three created on a canvas (getContext returns the existing one), or null. */
export async function webGlInfo(canvas: Locator): Promise<WebGlInfo | null> {
  return canvas.evaluate((el) => {
    interface Gl {
      VERSION: number;
      RENDERER: number;
      getParameter(p: number): unknown;
      isContextLost(): boolean;
      drawingBufferWidth: number;
      drawingBufferHeight: number;
    }
    const c = el as unknown as { getContext(kind: string): Gl | null };
    const gl = c.getContext('webgl2') ?? c.getContext('webgl');
    if (!gl) return null;
    return {
      version: String(gl.getParameter(gl.VERSION)),
      renderer: String(gl.getParameter(gl.RENDERER)),
      lost: gl.isContextLost(),
      width: gl.drawingBufferWidth,
      height: gl.drawingBufferHeight,
    };
  });
}

export interface PixelStats {
  pixels: number;
  /** Distinct colours after dropping the 3 low bits of each channel (so anti-aliasing noise counts less). */
  distinct: number;
  /** The share of pixels of the most common of those colours. */
  topShare: number;
}

/** Decodes a PNG in the page (no image library needed in Node) and counts its colours. */
export async function pixelStats(page: Page, png: Buffer): Promise<PixelStats> {
  return page.evaluate(async (base64) => {
    interface Ctx {
      drawImage(image: unknown, x: number, y: number): void;
      getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
    }
    const g = globalThis as unknown as {
      atob(s: string): string;
      Blob: new (parts: unknown[], options: { type: string }) => unknown;
      createImageBitmap(blob: unknown): Promise<{ width: number; height: number }>;
      OffscreenCanvas: new (w: number, h: number) => { getContext(kind: '2d'): Ctx };
    };
    const binary = g.atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const bitmap = await g.createImageBitmap(new g.Blob([bytes], { type: 'image/png' }));
    const ctx = new g.OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 4) {
      const key = ((data[i]! >> 3) << 10) | ((data[i + 1]! >> 3) << 5) | (data[i + 2]! >> 3);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const pixels = data.length / 4;
    return { pixels, distinct: counts.size, topShare: Math.max(...counts.values()) / pixels };
  }, png.toString('base64'));
}

/** The Gantt's attributes, set on every frame it draws. */
export async function ganttInfo(page: Page): Promise<{ planId: string; barsDrawn: number }> {
  const gantt = page.getByTestId('gantt');
  const [planId, bars] = await Promise.all([
    gantt.getAttribute('data-plan-id'),
    gantt.getAttribute('data-bars-drawn'),
  ]);
  return { planId: planId ?? '', barsDrawn: Number(bars ?? 0) };
}
