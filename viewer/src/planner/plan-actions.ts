import type { MachineDispatchState, Role } from '../api/types.js';
import type { MessageKey } from '../i18n/messages.js';

/** The service's roles, weakest first (connectors/http/auth.ts): a role may do what the ones before it may. */
const ROLE_ORDER: readonly Role[] = ['viewer', 'planner', 'operator', 'admin'];

export function roleAtLeast(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && ROLE_ORDER.indexOf(role) >= ROLE_ORDER.indexOf(needed);
}

/** Whether a button may be pressed, and when not, why (a catalogue key; `{role}` is the user's role). */
export interface ActionState {
  enabled: boolean;
  reason?: MessageKey;
}

/** Validate: planner or above, on a draft (a validated plan needs nothing more). */
export function validateAction(role: Role | undefined, status: string): ActionState {
  if (!roleAtLeast(role, 'planner')) return { enabled: false, reason: 'plan.needPlanner' };
  if (status !== 'draft') return { enabled: false };
  return { enabled: true };
}

/** Dispatch: operator or above, on a validated plan that has not gone out yet. */
export function dispatchAction(role: Role | undefined, status: string): ActionState {
  if (!roleAtLeast(role, 'operator')) return { enabled: false, reason: 'plan.needOperator' };
  if (status === 'dispatched' || status === 'acknowledged')
    return { enabled: false, reason: 'plan.alreadyDispatched' };
  if (status !== 'validated') return { enabled: false, reason: 'plan.notValidated' };
  return { enabled: true };
}

export interface DispatchCounts {
  acknowledged: number;
  pending: number;
  rejected: number;
  timedOut: number;
  total: number;
}

/** Machines of one plan's dispatch by acknowledgement status (the store keeps the latest per machine). */
export function dispatchCounts(
  dispatch: Readonly<Record<string, MachineDispatchState & { plan: string }>>,
  planId: string,
): DispatchCounts {
  const counts: DispatchCounts = { acknowledged: 0, pending: 0, rejected: 0, timedOut: 0, total: 0 };
  for (const id in dispatch) {
    const d = dispatch[id]!;
    if (d.plan !== planId) continue;
    counts[d.status]++;
    counts.total++;
  }
  return counts;
}

/** The machines of a plan's dispatch that have not acknowledged (what an operator has to look at), by id. */
export function unacknowledged(
  dispatch: Readonly<Record<string, MachineDispatchState & { plan: string }>>,
  planId: string,
): (MachineDispatchState & { plan: string })[] {
  return Object.values(dispatch)
    .filter((d) => d.plan === planId && d.status !== 'acknowledged')
    .sort((a, b) => a.machine.localeCompare(b.machine));
}
