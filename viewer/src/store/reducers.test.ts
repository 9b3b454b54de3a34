import { describe, expect, it } from 'vitest';
import type { MachineView, StreamMessage, TwinKpis, TwinSnapshot } from '../api/types.js';
import { applyMessage } from './reducers.js';
import { KPI_TREND_POINTS, initialState, type ViewerState } from './state.js';
import { createViewerStore, dispatchMessages } from './store.js';

const T0 = Date.UTC(2026, 10, 23, 6);
const oee = { availability: 0.9, performance: 0.8, quality: 1, oee: 0.72 };

function machine(id: string, state: MachineView['state'] = 'idle'): MachineView {
  const zero = { running: 0, idle: 0, starved: 0, blocked: 0, setup: 0, down: 0, maintenance: 0, off: 0 };
  return {
    id,
    line: 'L',
    kind: 'cnc-lathe',
    state,
    itemState: 'NotExecuting',
    operationMode: 'None',
    sinceMs: T0,
    partCount: 0,
    scrapCount: 0,
    quality: 'good',
    signals: {},
    stateMs: zero,
    energyKwh: 0,
    oee,
  };
}

function kpis(wip: number): TwinKpis {
  return { oee, lines: {}, throughputPerHour: 10, wip, energyKwh: 1, powerKw: 5 };
}

function snapshot(seq: number): TwinSnapshot {
  return { seq, atMs: T0, machines: [machine('M1'), machine('M2')], kpis: kpis(1), alarms: [] };
}

/** Apply messages one after the other, as the store does. */
function run(messages: StreamMessage[], start: ViewerState = initialState('en')): ViewerState {
  return messages.reduce((s, m) => ({ ...s, ...applyMessage(s, m) }), start);
}

describe('store reducers', () => {
  it('loads the snapshot of hello, then applies machine deltas without touching other machines', () => {
    const hello = run([{ seq: 5, atMs: T0, type: 'hello', data: snapshot(5) }]);
    expect(Object.keys(hello.machines)).toEqual(['M1', 'M2']);
    expect(hello.lastSeq).toBe(5);
    const after = run(
      [
        {
          seq: 6,
          atMs: T0 + 1000,
          type: 'twin',
          data: [
            { seq: 1, atMs: T0 + 1000, machine: 'M1', state: 'running', order: 'SO-1', operation: 'turn' },
            { seq: 2, atMs: T0 + 1000, machine: 'M1', signal: { name: 'spindleSpeed', value: 1200 } },
          ],
        },
      ],
      hello,
    );
    expect(after.machines.M1).toMatchObject({ state: 'running', sinceMs: T0 + 1000, order: 'SO-1' });
    expect(after.machines.M1!.signals.spindleSpeed!.value).toBe(1200);
    expect(after.machines.M2).toBe(hello.machines.M2);
    expect(after.machinesVersion).toBeGreaterThan(hello.machinesVersion);
    expect(after.nowMs).toBe(T0 + 1000);
  });

  it('clears the job when the order becomes null, and ignores machines it does not know', () => {
    const s = run([
      { seq: 1, atMs: T0, type: 'hello', data: snapshot(1) },
      { seq: 2, atMs: T0, type: 'twin', data: [{ seq: 1, atMs: T0, machine: 'M1', order: 'SO-1' }] },
      {
        seq: 3,
        atMs: T0,
        type: 'twin',
        data: [
          { seq: 2, atMs: T0, machine: 'M1', order: null, operation: null },
          { seq: 3, atMs: T0, machine: 'ghost', state: 'down' },
        ],
      },
    ]);
    expect(s.machines.M1!.order).toBeUndefined();
    expect(s.machines.ghost).toBeUndefined();
  });

  it('skips messages it already has (a resume that overlaps), but always takes a resync snapshot', () => {
    const base = run([
      { seq: 1, atMs: T0, type: 'hello', data: snapshot(1) },
      { seq: 2, atMs: T0, type: 'twin', data: [{ seq: 1, atMs: T0, machine: 'M1', state: 'down' }] },
    ]);
    const replayed = run(
      [{ seq: 2, atMs: T0, type: 'twin', data: [{ seq: 1, atMs: T0, machine: 'M1', state: 'setup' }] }],
      base,
    );
    expect(replayed.machines.M1!.state).toBe('down');
    const resync = run([{ seq: 1, atMs: T0 + 5, type: 'resync', data: snapshot(1) }], base);
    expect(resync.machines.M1!.state).toBe('idle');
  });

  it('keeps a bounded KPI trend, one point per time, and takes alarms, jobs, plans and dispatch states', () => {
    let s = run([{ seq: 1, atMs: T0, type: 'hello', data: snapshot(1) }]);
    let seq = 1;
    for (let i = 1; i <= KPI_TREND_POINTS + 10; i++) {
      s = run([{ seq: ++seq, atMs: T0 + i, type: 'kpis', data: { atMs: T0 + i * 2000, kpis: kpis(i) } }], s);
    }
    expect(s.kpiTrend).toHaveLength(KPI_TREND_POINTS);
    expect(s.kpiTrend.at(-1)!.wip).toBe(KPI_TREND_POINTS + 10);
    const same = run(
      [{ seq: ++seq, atMs: T0, type: 'kpis', data: { atMs: s.kpiTrend.at(-1)!.atMs, kpis: kpis(0) } }],
      s,
    );
    expect(same.kpiTrend).toHaveLength(KPI_TREND_POINTS);
    expect(same.kpiTrend.at(-1)!.wip).toBe(0);

    const alarm = {
      id: 1,
      asset: 'M1',
      kind: 'machineDown',
      message: 'M1 is down',
      sinceMs: T0,
      active: true,
    };
    const summary = {
      id: 'P1',
      version: 2,
      status: 'validated',
      trigger: { kind: 'api' },
      createdAtMs: T0,
      operations: 3,
      frozen: 0,
      kpis: {},
      active: true,
    };
    s = run(
      [
        { seq: ++seq, atMs: T0, type: 'alarm', data: [alarm] },
        { seq: ++seq, atMs: T0, type: 'job', data: { id: 'J1', kind: 'schedule', status: 'running' } },
        { seq: ++seq, atMs: T0, type: 'plan', data: summary },
        {
          seq: ++seq,
          atMs: T0,
          type: 'dispatch',
          data: {
            plan: 'P1',
            machine: 'M1',
            jobOrderId: 'x',
            status: 'acknowledged',
            attempts: 1,
            updatedAtMs: T0,
          },
        },
      ],
      s,
    );
    expect(s.alarms).toEqual([alarm]);
    expect(s.jobs.J1!.status).toBe('running');
    expect(s.activePlanRef).toEqual({ id: 'P1', version: 2 });
    expect(s.dispatch.M1!.status).toBe('acknowledged');
  });

  it('applies a burst of messages as one store update', () => {
    const store = createViewerStore('zh');
    let updates = 0;
    store.subscribe(() => updates++);
    dispatchMessages(store, [
      { seq: 1, atMs: T0, type: 'hello', data: snapshot(1) },
      { seq: 2, atMs: T0, type: 'twin', data: [{ seq: 1, atMs: T0, machine: 'M2', state: 'running' }] },
    ]);
    expect(updates).toBe(1);
    expect(store.getState().machines.M2!.state).toBe('running');
    expect(store.getState().locale).toBe('zh');
  });
});
