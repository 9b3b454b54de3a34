import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MachineDispatchState } from '../dispatch/dispatcher.js';
import type { PlanDispatcher } from '../service/contracts.js';
import { testService, type TestService } from './__fixtures__/test-service.js';
import { buildApp } from './app.js';
import type { AppDeps } from './deps.js';

const TOKENS = {
  viewer: 'v-token-0123456789',
  planner: 'p-token-0123456789',
  operator: 'o-token-0123456789',
  admin: 'a-token-0123456789',
};
const T0 = Date.UTC(2026, 10, 23, 6);

/** Acknowledges every machine's job order: the route tests exercise the plan life cycle, not the transport. */
const ackAll: PlanDispatcher = {
  async dispatch(plan, onStatus) {
    const machines = [...new Set(plan.assignments.map((a) => a.machine as string))];
    return machines.map((machine) => {
      const s: MachineDispatchState = {
        machine,
        jobOrderId: `${plan.id}/v${plan.version}/${machine}`,
        status: 'acknowledged',
        attempts: 1,
        updatedAtMs: 0,
      };
      onStatus(s);
      return s;
    });
  },
};

describe('HTTP API (inject)', () => {
  let app: FastifyInstance;
  let deps: AppDeps;
  let service: TestService;
  const auth = (role: keyof typeof TOKENS) => ({ authorization: `Bearer ${TOKENS[role]}` });

  beforeAll(async () => {
    let now = T0;
    service = await testService({
      options: {
        tokens: Object.entries(TOKENS).map(([role, token]) => ({ role: role as never, token })),
      },
      dispatcher: ackAll,
      now: () => (now += 10),
    });
    deps = service.deps;
    const power = (ts: number, value: number) =>
      ({ source: 'test', asset: 'L1', signal: 'power', value, quality: 'good', sourceTs: ts }) as const;
    service.history.accept([power(T0, 1), power(T0 + 1000, 2)]);
    app = await buildApp(deps);
  });
  afterAll(async () => {
    await service.close();
    await app.close();
  });

  it('serves health without a token, and refuses the API without one or with a wrong one', async () => {
    expect((await app.inject('/health')).statusCode).toBe(200);
    const none = await app.inject('/api/twin');
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe('TWIN_E_UNAUTHORIZED');
    const wrong = await app.inject({ url: '/api/twin', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
  });

  it('gives the twin snapshot with every machine of the model', async () => {
    deps.twin.accept([
      { source: 'test', asset: 'L1', signal: 'state', value: 'running', quality: 'good', sourceTs: T0 },
      { source: 'test', asset: 'L1', signal: 'order', value: 'SO-1', quality: 'good', sourceTs: T0 },
    ]);
    const res = await app.inject({ url: '/api/twin', headers: auth('viewer') });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.machines.map((m: { id: string }) => m.id)).toContain('L1');
    expect(body.machines.find((m: { id: string }) => m.id === 'L1').state).toBe('running');
    expect(body.kpis.wip).toBe(1);
  });

  it('gives a machine with its state history, and 404 for an unknown one', async () => {
    const res = await app.inject({ url: '/api/machines/L1', headers: auth('viewer') });
    expect(res.statusCode).toBe(200);
    expect(res.json().stateHistory.at(-1).detail).toBe('off → running');
    expect(res.json().currentJob).toEqual({ order: 'SO-1' });
    const missing = await app.inject({ url: '/api/machines/nope', headers: auth('viewer') });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('TWIN_E_NOT_FOUND');
  });

  it('traces an order across machines, and 404 for an order never seen', async () => {
    deps.twin.accept([
      { source: 'test', asset: 'L1', signal: 'order', value: '', quality: 'good', sourceTs: T0 + 5000 },
    ]);
    const res = await app.inject({ url: '/api/orders/SO-1/trace', headers: auth('viewer') });
    expect(res.statusCode).toBe(200);
    expect(res.json().steps[0]).toMatchObject({ machine: 'L1', startMs: T0, endMs: T0 + 5000 });
    expect((await app.inject({ url: '/api/orders/none/trace', headers: auth('viewer') })).statusCode).toBe(
      404,
    );
  });

  it('reads history over a range, and names the field of a bad query', async () => {
    const res = await app.inject({
      url: `/api/history?asset=L1&signal=power&from=${T0}&to=${T0 + 500}`,
      headers: auth('viewer'),
    });
    expect(res.json().points).toEqual([{ ts: T0, value: 1, quality: 'good' }]);
    const bad = await app.inject({ url: '/api/history?asset=L1', headers: auth('viewer') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/signal/);
    const reversed = await app.inject({
      url: `/api/history?asset=a&signal=b&from=10&to=5`,
      headers: auth('viewer'),
    });
    expect(reversed.statusCode).toBe(422);
  });

  it('rejects schedule requests: wrong role, unknown key, bad type, too long a budget', async () => {
    const post = (role: keyof typeof TOKENS, payload: unknown) =>
      app.inject({ method: 'POST', url: '/api/schedules', headers: auth(role), payload: payload as object });
    expect((await post('viewer', {})).statusCode).toBe(403);
    const unknown = await post('planner', { timeBudget: 3 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'TWIN_E_UNKNOWN_KEY' });
    expect(unknown.json().message).toMatch(/timeBudget/);
    const badType = await post('planner', { seed: 'one' });
    expect(badType.json().message).toMatch(/body\.seed/);
    const tooLong = await post('planner', { timeBudgetS: 600 });
    expect(tooLong.statusCode).toBe(413);
    expect(tooLong.json().code).toBe('TWIN_E_TOO_LARGE');
  });

  it('schedules with {} as a job, validates the plan, refuses dispatch to a planner, dispatches for an operator', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/schedules',
      headers: auth('planner'),
      payload: { timeBudgetS: 0.5 },
    });
    expect(res.statusCode).toBe(202);
    const { id } = res.json();
    let job = (await app.inject({ url: `/api/schedules/${id}`, headers: auth('viewer') })).json();
    for (let i = 0; i < 200 && job.status !== 'done' && job.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await app.inject({ url: `/api/schedules/${id}`, headers: auth('viewer') })).json();
    }
    expect(job.status).toBe('done');
    expect(job.plan.status).toBe('validated');
    expect(job.validation.violations).toEqual([]);
    expect(job.kpis.makespanS).toBeGreaterThan(0);
    // The worker's best so far reached the job while it ran; its last report is the plan's own makespan.
    expect(job.progress.best.makespanS).toBe(job.kpis.makespanS);
    const planId = job.plan.id;
    const plan = (await app.inject({ url: `/api/plans/${planId}`, headers: auth('viewer') })).json();
    expect(plan.plan.assignments.length).toBeGreaterThan(0);
    expect(
      (await app.inject({ method: 'POST', url: `/api/plans/${planId}/dispatch`, headers: auth('planner') }))
        .statusCode,
    ).toBe(403);
    const d = await app.inject({
      method: 'POST',
      url: `/api/plans/${planId}/dispatch`,
      headers: auth('operator'),
    });
    expect(d.statusCode).toBe(200);
    expect(d.json().status).toBe('acknowledged');
    expect(d.json().machines.every((m: MachineDispatchState) => m.status === 'acknowledged')).toBe(true);
    expect((await app.inject({ url: '/api/twin', headers: auth('viewer') })).json().activePlan.id).toBe(
      planId,
    );
  });

  it('404 for unknown schedule jobs and plans; 409 for dispatching a draft', async () => {
    expect((await app.inject({ url: '/api/schedules/nope', headers: auth('viewer') })).statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/schedules/nope', headers: auth('planner') }))
        .statusCode,
    ).toBe(404);
    expect((await app.inject({ url: '/api/plans/nope', headers: auth('viewer') })).statusCode).toBe(404);
    const plan = deps.plans.latest!.plan;
    const { createPlan } = await import('../../twin/plan-lifecycle.js');
    const draft = createPlan({
      id: 'Pdraft' as never,
      trigger: { kind: 'manual' },
      createdAtMs: 0,
      epochMs: 0,
      seed: 1,
      inputHash: 'x',
      engine: 'test',
      assignments: [...plan.assignments],
    });
    deps.plans.add(draft, {});
    const res = await app.inject({
      method: 'POST',
      url: '/api/plans/Pdraft/dispatch',
      headers: auth('operator'),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('TWIN_E_CONFLICT');
  });

  it('a plan that breaks a hard constraint is not validated: the checker names the violation', async () => {
    const plan = deps.plans.latest!.plan;
    const { createPlan } = await import('../../twin/plan-lifecycle.js');
    const [first, ...rest] = plan.assignments;
    const broken = createPlan({
      id: 'Pbroken' as never,
      trigger: { kind: 'manual' },
      createdAtMs: 0,
      epochMs: 0,
      seed: 1,
      inputHash: 'x',
      engine: 'test',
      assignments: rest,
    });
    deps.plans.add(broken, {});
    const res = await app.inject({
      method: 'POST',
      url: '/api/plans/Pbroken/validate',
      headers: auth('planner'),
    });
    expect(res.json().status).toBe('draft');
    expect(res.json().validation.ok).toBe(false);
    expect(res.json().validation.violations[0].message).toContain(first!.order);
  });

  it('creates a what-if scenario, runs it against the baseline and compares them', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/scenarios',
      headers: auth('planner'),
      payload: { name: 'x', edits: [{ kind: 'machineDown', machine: 'nope', from: 0, to: 3600 }] },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toMatch(/nope/);
    const created = await app.inject({
      method: 'POST',
      url: '/api/scenarios',
      headers: auth('planner'),
      payload: {
        name: 'Lathe down',
        edits: [{ kind: 'machineDown', machine: 'L1', from: 0, to: 36000 }],
      },
    });
    expect(created.statusCode).toBe(201);
    const sid = created.json().id;
    const run = async (scenario: string) => {
      const r = await app.inject({
        method: 'POST',
        url: `/api/scenarios/${scenario}/runs`,
        headers: auth('planner'),
        payload: { replications: 3, seed: 7 },
      });
      expect(r.statusCode).toBe(202);
      let job = r.json();
      for (let i = 0; i < 400 && job.status !== 'done' && job.status !== 'failed'; i++) {
        await new Promise((res) => setTimeout(res, 50));
        job = (await app.inject({ url: `/api/runs/${job.id}`, headers: auth('viewer') })).json();
      }
      expect(job.status).toBe('done');
      return job.id as string;
    };
    const a = await run('baseline');
    const b = await run(sid);
    const cmp = (
      await app.inject({ url: `/api/runs/compare?a=${a}&b=${b}`, headers: auth('viewer') })
    ).json();
    expect(cmp.paired).toBe(true);
    expect(cmp.kpis.mean_flow_time_h.difference).toBeGreaterThan(0);
    expect(cmp.kpis.mean_flow_time_h.low).toBeGreaterThan(0);
    const tooMany = await app.inject({
      method: 'POST',
      url: `/api/scenarios/${sid}/runs`,
      headers: auth('planner'),
      payload: { replications: 500 },
    });
    expect(tooMany.statusCode).toBe(413);
  });

  it('serves the OpenAPI document generated from the route schemas, and Prometheus metrics', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/schedules', '/api/twin', '/api/plans/{id}/dispatch']),
    );
    expect(
      doc.paths['/api/schedules'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('timeBudgetS');
    const metrics = await app.inject({ url: '/metrics', headers: auth('viewer') });
    expect(metrics.body).toMatch(/twin_observations_in_total\{source="test"\} \d+/);
    expect((await app.inject('/metrics')).statusCode).toBe(401);
  });
});
