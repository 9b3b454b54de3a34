import { describe, expect, it } from 'vitest';
import type { MachineDispatchState } from '../api/types.js';
import {
  dispatchAction,
  dispatchCounts,
  roleAtLeast,
  unacknowledged,
  validateAction,
} from './plan-actions.js';

describe('plan actions by role', () => {
  it('orders roles viewer < planner < operator < admin', () => {
    expect(roleAtLeast('viewer', 'planner')).toBe(false);
    expect(roleAtLeast('planner', 'planner')).toBe(true);
    expect(roleAtLeast('admin', 'operator')).toBe(true);
    expect(roleAtLeast(undefined, 'viewer')).toBe(false);
  });

  it('lets a planner validate a draft and says why a viewer cannot', () => {
    expect(validateAction('viewer', 'draft')).toEqual({ enabled: false, reason: 'plan.needPlanner' });
    expect(validateAction('planner', 'draft')).toEqual({ enabled: true });
    expect(validateAction('planner', 'validated')).toEqual({ enabled: false });
  });

  it('lets an operator dispatch a validated plan only', () => {
    expect(dispatchAction('planner', 'validated')).toEqual({ enabled: false, reason: 'plan.needOperator' });
    expect(dispatchAction('operator', 'draft')).toEqual({ enabled: false, reason: 'plan.notValidated' });
    expect(dispatchAction('operator', 'validated')).toEqual({ enabled: true });
    expect(dispatchAction('admin', 'dispatched')).toEqual({
      enabled: false,
      reason: 'plan.alreadyDispatched',
    });
  });
});

describe('dispatch counts', () => {
  const d = (machine: string, plan: string, status: MachineDispatchState['status']) => ({
    machine,
    plan,
    status,
    jobOrderId: `${plan}-${machine}`,
    attempts: 1,
    updatedAtMs: 0,
  });
  it('counts the machines of one plan by status', () => {
    const dispatch = {
      M1: d('M1', 'p2', 'acknowledged'),
      M2: d('M2', 'p2', 'pending'),
      M3: d('M3', 'p2', 'acknowledged'),
      M4: d('M4', 'p1', 'rejected'),
      M5: d('M5', 'p2', 'timedOut'),
    };
    expect(dispatchCounts(dispatch, 'p2')).toEqual({
      acknowledged: 2,
      pending: 1,
      rejected: 0,
      timedOut: 1,
      total: 4,
    });
    expect(dispatchCounts(dispatch, 'p9').total).toBe(0);
    expect(unacknowledged(dispatch, 'p2').map((x) => x.machine)).toEqual(['M2', 'M5']);
  });
});
