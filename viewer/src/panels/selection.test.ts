import { describe, expect, it } from 'vitest';
import { initialState } from '../store/state.js';
import { clearMachine, clearOrder, selectMachine, selectOrder } from './selection.js';

describe('panel selection', () => {
  const base = { ...initialState('en'), selection: { machine: 'M1', order: 'SO-1' } };

  it('selects a machine or an order, opens its tab and keeps the other selection', () => {
    expect(selectMachine(base, 'M2')).toEqual({
      selection: { machine: 'M2', order: 'SO-1' },
      sidePanel: 'machine',
    });
    expect(selectOrder(base, 'SO-2')).toEqual({
      selection: { machine: 'M1', order: 'SO-2' },
      sidePanel: 'order',
    });
  });

  it('clears one selection and leaves the other and the tab alone', () => {
    expect(clearMachine(base)).toEqual({ selection: { order: 'SO-1' } });
    expect(clearOrder(base)).toEqual({ selection: { machine: 'M1' } });
    expect('machine' in clearMachine(base).selection).toBe(false);
  });
});
