import { describe, expect, it } from 'vitest';
import { fromMachinery, semiE10Category, toMachinery, type FlowContext } from './machine-states.js';
import {
  MACHINERY_ITEM_STATES,
  MACHINERY_OPERATION_MODES,
  SEMI_E10_CATEGORIES,
  SHOP_FLOOR_STATES,
  type SemiE10Category,
  type ShopFloorState,
} from './schema/machine-state.js';

/** What the twin must know beyond the machine's report to tell the state back. */
const FLOW: Record<ShopFloorState, FlowContext> = {
  running: {},
  idle: { workWaiting: true, outputFull: false },
  setup: {},
  down: {},
  maintenance: {},
  blocked: { outputFull: true },
  starved: { workWaiting: false },
  off: {},
};

// SEMI E10: production is productive, waiting is standby, setups and planned maintenance are scheduled
// downtime, breakdowns unscheduled downtime, and a machine switched off is not scheduled.
const CATEGORY: Record<ShopFloorState, SemiE10Category> = {
  running: 'productive',
  idle: 'standby',
  blocked: 'standby',
  starved: 'standby',
  setup: 'scheduledDowntime',
  maintenance: 'scheduledDowntime',
  down: 'unscheduledDowntime',
  off: 'nonScheduled',
};

describe('toMachinery', () => {
  it('maps each state to the OPC 40001-1 state and mode', () => {
    expect(Object.fromEntries(SHOP_FLOOR_STATES.map((s) => [s, toMachinery(s)]))).toEqual({
      running: { itemState: 'Executing', operationMode: 'Processing' },
      setup: { itemState: 'Executing', operationMode: 'Setup' },
      idle: { itemState: 'NotExecuting', operationMode: 'Processing' },
      blocked: { itemState: 'NotExecuting', operationMode: 'Processing' },
      starved: { itemState: 'NotExecuting', operationMode: 'Processing' },
      maintenance: { itemState: 'OutOfService', operationMode: 'Maintenance' },
      down: { itemState: 'OutOfService', operationMode: 'None' },
      off: { itemState: 'NotAvailable', operationMode: 'None' },
    });
  });

  it.each(SHOP_FLOOR_STATES)('gives values of the standard for %s', (state) => {
    const { itemState, operationMode } = toMachinery(state);
    expect(MACHINERY_ITEM_STATES).toContain(itemState);
    expect(MACHINERY_OPERATION_MODES).toContain(operationMode);
  });
});

describe('fromMachinery', () => {
  it.each(SHOP_FLOOR_STATES)('gives %s back from its machinery form with its flow context', (state) => {
    const { itemState, operationMode } = toMachinery(state);
    expect(fromMachinery(itemState, operationMode, FLOW[state])).toBe(state);
  });

  it('reads a machine that is not executing as idle without flow context', () => {
    expect(fromMachinery('NotExecuting', 'Processing')).toBe('idle');
    expect(fromMachinery('NotExecuting', 'None', { workWaiting: true })).toBe('idle');
  });

  it('needs outputFull for blocked and workWaiting false for starved', () => {
    expect(fromMachinery('NotExecuting', 'Processing', { outputFull: false })).toBe('idle');
    expect(fromMachinery('NotExecuting', 'Processing', { workWaiting: true })).toBe('idle');
    expect(fromMachinery('NotExecuting', 'Processing', { outputFull: true })).toBe('blocked');
    expect(fromMachinery('NotExecuting', 'Processing', { workWaiting: false })).toBe('starved');
    // The full exit is checked first: a machine that could not hand on its last part is blocked.
    expect(fromMachinery('NotExecuting', 'Processing', { outputFull: true, workWaiting: false })).toBe(
      'blocked',
    );
  });

  it('ignores flow context for a machine that is executing or out of service', () => {
    const both = { outputFull: true, workWaiting: false };
    expect(fromMachinery('Executing', 'Processing', both)).toBe('running');
    expect(fromMachinery('Executing', 'Setup', both)).toBe('setup');
    expect(fromMachinery('OutOfService', 'None', both)).toBe('down');
    expect(fromMachinery('OutOfService', 'Maintenance', both)).toBe('maintenance');
    expect(fromMachinery('NotAvailable', 'Processing', both)).toBe('off');
  });

  it('reads the maintenance and setup modes whatever the item state says', () => {
    expect(fromMachinery('Executing', 'Maintenance')).toBe('maintenance');
    expect(fromMachinery('NotExecuting', 'Maintenance', { outputFull: true })).toBe('maintenance');
    expect(fromMachinery('NotExecuting', 'Setup', { workWaiting: false })).toBe('setup');
    expect(fromMachinery('OutOfService', 'Setup')).toBe('down');
  });
});

describe('semiE10Category', () => {
  it.each(SHOP_FLOOR_STATES)('puts %s in its SEMI E10 category', (state) => {
    expect(semiE10Category(state)).toBe(CATEGORY[state]);
    expect(SEMI_E10_CATEGORIES).toContain(semiE10Category(state));
  });
});
