// End to end through the real service (connectors/main.ts startService): the embedded plant behind its own
// OPC UA server, real HTTP and a real WebSocket. Reschedule → follow the job on the stream → validate →
// dispatch over OPC UA → every machine acknowledges → machines start the plan's operations; then a client
// that reconnects with `since` gets what it missed. Needs no external server; dist/ must be built (workers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../twin/schema/plan.js';
import type { TwinSnapshot } from '../../twin/schema/twin-snapshot.js';
import { apiClient } from './http-client.js';
import { startInProcessService, type InProcessService } from './in-process-service.js';
import { jobStarts } from './job-starts.js';
import { StreamClient, type StreamMessage } from './stream-client.js';

const HTTP_PORT = 8201;
const OPCUA_PORT = 4821;
const VIEWER = 'e2e-viewer-token-4f1c9a2b';
const OPERATOR = 'e2e-operator-token-7d3e5b60';
/** Simulated seconds per wall second: operations of the demo plant last a few wall seconds. */
const SPEED = 6000;

interface JobData {
  id: string;
  status: string;
  progress?: unknown;
}
interface PlanData {
  id: string;
  status: string;
}
interface DispatchData {
  plan: string;
  machine: string;
  status: string;
}

const ofType = <T>(messages: readonly StreamMessage[], type: string) =>
  messages.filter((m) => m.type === type).map((m) => ({ seq: m.seq, data: m.data as T }));

describe('the service end to end (embedded plant, HTTP, WebSocket)', () => {
  let service: InProcessService | undefined;
  let api: ReturnType<typeof apiClient>;
  /** Follows the flow; closed and reopened with `since` by the last test. */
  let stream: StreamClient;
  /** Stays connected throughout: what the resumed client must have seen. */
  let witness: StreamClient;
  let wsUrl = '';
  // What each step hands to the next.
  let planId = '';
  let plan: Plan | undefined;
  let acknowledgedSeq = 0;

  beforeAll(async () => {
    service = await startInProcessService({
      httpPort: HTTP_PORT,
      opcuaPort: OPCUA_PORT,
      speed: SPEED,
      tokens: [
        { role: 'viewer', token: VIEWER, name: 'e2e viewer' },
        { role: 'operator', token: OPERATOR, name: 'e2e operator' },
      ],
      logLevel: 'info',
    });
    api = apiClient(service.url);
    wsUrl = `${service.url.replace(/^http/, 'ws')}/api/stream?token=${VIEWER}`;
    [stream, witness] = await Promise.all([StreamClient.open(wsUrl, 5000), StreamClient.open(wsUrl, 5000)]);
  });

  afterAll(async () => {
    await Promise.all([stream?.close(), witness?.close()]);
    await service?.close();
  });

  it('greets a stream client with the twin, and needs a token with the right role', async () => {
    const hello = await stream.waitFor('the hello message', (ms) => ms.find((m) => m.type === 'hello'), 5000);
    expect((hello.data as TwinSnapshot).machines.length).toBeGreaterThan(0);
    expect((await api('/api/twin')).status).toBe(401);
    const denied = await api('/api/schedules', { method: 'POST', token: VIEWER, body: {} });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ code: 'TWIN_E_FORBIDDEN' });
  });

  it('reschedules: 202 with a job id, and the stream follows the job to done', async () => {
    const accepted = await api<{ id: string }>('/api/schedules', {
      method: 'POST',
      token: OPERATOR,
      body: {},
    });
    expect(accepted.status).toBe(202);
    const jobId = accepted.body.id;
    expect(jobId).toMatch(/\S/);
    expect(accepted.headers.get('location')).toBe(`/api/schedules/${jobId}`);
    const finished = await stream.waitFor(
      `job ${jobId} finished on the stream`,
      (ms) =>
        ofType<JobData>(ms, 'job').find(
          (j) => j.data.id === jobId && j.data.status !== 'queued' && j.data.status !== 'running',
        ),
      30_000,
    );
    if (finished.data.status !== 'done') {
      const why = await api(`/api/schedules/${jobId}`, { token: VIEWER });
      expect.fail(`job ${jobId} ended ${finished.data.status}: ${JSON.stringify(why.body)}`);
    }
    const states = ofType<JobData>(stream.messages, 'job')
      .filter((j) => j.data.id === jobId)
      .map((j) => j.data.status);
    expect(states).toContain('running');
    const job = await api<{ plan?: { id: string } }>(`/api/schedules/${jobId}`, { token: VIEWER });
    expect(job.status).toBe(200);
    expect(job.body.plan?.id, JSON.stringify(job.body)).toBeTypeOf('string');
    planId = job.body.plan!.id;
  });

  it('validates the plan, and the stream tells it is validated', async () => {
    expect(planId, 'needs the plan of the reschedule').not.toBe('');
    const validated = await api<{ status: string; validation: { ok: boolean } | null }>(
      `/api/plans/${planId}/validate`,
      { method: 'POST', token: OPERATOR, timeoutMs: 30_000 },
    );
    expect(validated.status, JSON.stringify(validated.body)).toBe(200);
    expect(validated.body.status).toBe('validated');
    expect(validated.body.validation?.ok).toBe(true);
    await stream.waitFor(
      `plan ${planId} validated on the stream`,
      (ms) => ofType<PlanData>(ms, 'plan').find((p) => p.data.id === planId && p.data.status === 'validated'),
      10_000,
    );
  });

  it('dispatches the plan over OPC UA: every machine of the plan acknowledges, in the answer and on the stream', async () => {
    expect(planId, 'needs the plan of the reschedule').not.toBe('');
    plan = (await api<{ plan: Plan }>(`/api/plans/${planId}`, { token: VIEWER })).body.plan;
    const machines = [...new Set(plan.assignments.map((a) => a.machine))].sort();
    expect(machines.length).toBeGreaterThan(1);

    const dispatched = await api<{ status: string; machines: { machine: string; status: string }[] }>(
      `/api/plans/${planId}/dispatch`,
      { method: 'POST', token: OPERATOR, timeoutMs: 30_000 },
    );
    expect(dispatched.status, JSON.stringify(dispatched.body)).toBe(200);
    const answered = Object.fromEntries(dispatched.body.machines.map((m) => [m.machine, m.status]));
    expect(answered).toEqual(Object.fromEntries(machines.map((m) => [m, 'acknowledged'])));
    expect(dispatched.body.status).toBe('acknowledged');

    const acks = await stream.waitFor(
      `an acknowledgement of plan ${planId} from each of ${machines.length} machines on the stream`,
      (ms) => {
        const acked = ofType<DispatchData>(ms, 'dispatch').filter(
          (d) => d.data.plan === planId && d.data.status === 'acknowledged',
        );
        const seen = new Set(acked.map((d) => d.data.machine));
        return machines.every((m) => seen.has(m)) ? seen : undefined;
      },
      10_000,
    );
    expect([...acks].sort()).toEqual(machines);
    const done = await stream.waitFor(
      `plan ${planId} acknowledged on the stream`,
      (ms) =>
        ofType<PlanData>(ms, 'plan').find((p) => p.data.id === planId && p.data.status === 'acknowledged'),
      10_000,
    );
    acknowledgedSeq = done.seq;
  });

  it('machines then start the operations the plan gave them', async () => {
    expect(plan, 'needs the dispatched plan').toBeDefined();
    const assignments = plan!.assignments;
    const after = (ms: readonly StreamMessage[]) =>
      jobStarts(ms, assignments).filter((s) => s.seq > acknowledgedSeq);
    // The plant runs SPEED times faster than real time: a few operations start within seconds.
    const starts = await stream.waitFor(
      'three operations started after the dispatch',
      (ms) => {
        const s = after(ms);
        return s.length >= 3 ? s : undefined;
      },
      20_000,
    );
    expect(
      starts.filter((s) => !s.planned),
      'operations started off the plan',
    ).toEqual([]);

    const twin = await api<TwinSnapshot>('/api/twin', { token: VIEWER });
    expect(twin.body.activePlan).toEqual({ id: planId, version: plan!.version });
    const planOrders = new Set<string>(assignments.map((a) => a.order));
    const busy = twin.body.machines.filter((m) => m.order !== undefined);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.filter((m) => !planOrders.has(m.order!)).map((m) => `${m.id}: ${m.order}`)).toEqual([]);
    const machine = await api<{ planned: unknown[]; currentJob: { order: string } | null }>(
      `/api/machines/${encodeURIComponent(busy[0]!.id)}`,
      { token: VIEWER },
    );
    expect(machine.body.planned.length).toBeGreaterThan(0);
    expect(planOrders.has(machine.body.currentJob?.order ?? '')).toBe(true);
  });

  it('a client that reconnects with since=<last seq> gets exactly the messages it missed', async () => {
    await stream.close();
    const last = stream.lastSeq;
    expect(last).toBeGreaterThan(0);
    // Telemetry and KPIs keep coming while it is away.
    await witness.waitFor(
      'five messages while the client is away',
      (ms) => (ms.filter((m) => m.seq > last).length >= 5 ? true : undefined),
      15_000,
    );
    const resumed = await StreamClient.open(`${wsUrl}&since=${last}`, 5000);
    try {
      const until = witness.lastSeq;
      await resumed.waitFor(
        `messages ${last + 1}..${until} after resuming`,
        (ms) => (ms.some((m) => m.seq >= until) ? true : undefined),
        10_000,
      );
      const got = resumed.messages.filter((m) => m.seq <= until);
      expect(got.map((m) => m.seq)).toEqual(Array.from({ length: until - last }, (_, i) => last + 1 + i));
      expect(got).toEqual(witness.messages.filter((m) => m.seq > last && m.seq <= until));
    } finally {
      await resumed.close();
    }
  });

  it('never writes a token to its log', () => {
    const text = service!.logs.join('');
    expect(text).toContain('embedded plant running');
    expect(text).not.toContain(VIEWER);
    expect(text).not.toContain(OPERATOR);
  });
});
