import type { TwinSnapshot } from '../../twin/schema/twin-snapshot.js';
import type { AppDeps } from './deps.js';

/** The twin now, with the plan in force (the plan service owns that; the store knows only the plant). */
export function twinSnapshot(deps: AppDeps): TwinSnapshot {
  const store = deps.twin.store;
  const snapshot = store.snapshot(Math.max(store.lastMs, deps.now()));
  const active = deps.plans.active?.plan;
  return active ? { ...snapshot, activePlan: { id: active.id, version: active.version } } : snapshot;
}
