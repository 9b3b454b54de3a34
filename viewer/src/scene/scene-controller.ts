import type { LayoutView, MachineView, Plan } from '../api/types.js';
import type { ViewerStore } from '../store/store.js';
import type { MachineAt, ViewerState } from '../store/state.js';
import type { FloorIndex } from './floor-index.js';
import type { FrameStats } from './frame-stats.js';
import { MachineLayer } from './machine-layer.js';
import { shownMachines, shownNowMs } from './shown.js';
import { indexPlan, type PlanIndex } from './wip-layout.js';
import { WipLayer } from './wip-layer.js';

let serial = 0;

/**
 * The scene's link to the store, outside React: it subscribes, asks r3f for a frame (`invalidate`), and at the
 * frame compares the parts it draws with what it drew last and writes the instance buffers of the layers in
 * place. Its time is counted in the frame statistics as store updates.
 */
export class SceneController {
  /** Tells React that the meshes are new (a new layout), so that their primitives are remounted. */
  readonly serial = ++serial;
  readonly machines: MachineLayer;
  readonly wip: WipLayer;
  private plan: Plan | undefined;
  private planIndex: PlanIndex = indexPlan(undefined);
  /** Machines of each order in the active plan (highlighted when the order is selected). */
  private planMachines = new Map<string, Set<string>>();
  private readonly ofOrder = new Set<string>();
  private last: ViewerState | undefined;
  private store: ViewerStore | undefined;
  private pending = false;

  constructor(
    layout: LayoutView,
    floor: FloorIndex,
    private readonly stats: FrameStats,
  ) {
    this.machines = new MachineLayer(layout, floor);
    this.wip = new WipLayer(layout, floor, stats);
  }

  /**
   * Draws the store's state now, and asks for a frame on every change; the frame brings the layers up to date
   * (flush), so a burst of store updates between two frames costs one update. Returns the unsubscribe function.
   */
  start(store: ViewerStore, invalidate: () => void): () => void {
    this.store = store;
    this.last = undefined;
    this.flush();
    invalidate(); // the layers write their instances at the frame
    return store.subscribe(() => {
      this.pending = true;
      invalidate();
    });
  }

  /** Called at the start of a frame: applies the store's changes since the last frame, if any. */
  flush(): void {
    if (!this.store || (!this.pending && this.last)) return;
    this.pending = false;
    const t0 = performance.now();
    this.update(this.store.getState());
    this.stats.addUpdate(performance.now() - t0);
  }

  dispose(): void {
    this.machines.dispose();
    this.wip.dispose();
  }

  /** Brings the layers up to date with the state. */
  private update(s: ViewerState): void {
    const prev = this.last;
    this.last = s;
    const machines = shownMachines(s);
    const nowMs = shownNowMs(s);
    if (s.activePlan !== this.plan) {
      this.plan = s.activePlan;
      this.planIndex = indexPlan(s.activePlan);
      this.planMachines = machinesByOrder(s.activePlan);
    }
    const machinesChanged = !prev || machines !== shownMachines(prev);
    const nowChanged = !prev || nowMs !== shownNowMs(prev);
    if (machinesChanged || s.palette !== prev?.palette) {
      this.machines.writeColours(machines, s.palette);
    }
    if (machinesChanged || nowChanged || s.activePlan !== prev?.activePlan || s.orders !== prev?.orders) {
      const live = s.timeView.mode === 'live';
      const begun = live ? (o: string) => (s.orders[o]?.operationsDone ?? 0) > 0 : undefined;
      // What the plant reports as begun comes from the orders (live only): a change there re-checks every order.
      const begunChanged = live !== (prev?.timeView.mode === 'live') || (live && s.orders !== prev?.orders);
      this.wip.sync(
        {
          plan: this.planIndex,
          machines,
          nowMs,
          begunChanged,
          ...(begun && { begun }),
        },
        performance.now() / 1000,
      );
    }
    if (
      s.selection !== prev?.selection ||
      s.activePlan !== prev?.activePlan ||
      (s.selection.order !== undefined && machinesChanged)
    ) {
      this.writeHighlights(s, machines);
    }
    if (s.alarms !== prev?.alarms) this.machines.writeAlarms(s.alarms);
  }

  private writeHighlights(s: ViewerState, machines: Readonly<Record<string, MachineAt | MachineView>>): void {
    this.ofOrder.clear();
    const order = s.selection.order;
    if (order !== undefined) {
      for (const id in machines) if (machines[id]?.order === order) this.ofOrder.add(id);
      for (const id of this.planMachines.get(order) ?? []) this.ofOrder.add(id);
    }
    this.machines.writeHighlights(s.selection.machine, this.ofOrder);
  }
}

function machinesByOrder(plan: Plan | undefined): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const a of plan?.assignments ?? []) {
    let set = map.get(a.order);
    if (!set) map.set(a.order, (set = new Set()));
    set.add(a.machine);
  }
  return map;
}
