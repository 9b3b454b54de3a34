// The automatic acceptance policy (`dispatch.auto` in the configuration), end to end through the real service
// with its embedded plant: a reschedule's plan, once validated, is dispatched with nobody calling the dispatch
// route, the machines acknowledge it, and the plan says the policy accepted it. Without the policy (the
// default, service.servers.test.ts) a validated plan waits for a planner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './http-client.js';
import { startInProcessService, type InProcessService } from './in-process-service.js';
import { StreamClient, type StreamMessage } from './stream-client.js';

const HTTP_PORT = 8211;
const OPCUA_PORT = 4829;
const PLANNER = 'e2e-planner-token-0b9f4e21';

interface PlanData {
  id: string;
  status: string;
  acceptedBy?: string;
}

describe('automatic dispatch of validated plans', () => {
  let service: InProcessService | undefined;
  let api: ReturnType<typeof apiClient>;
  let stream: StreamClient;

  beforeAll(async () => {
    service = await startInProcessService({
      httpPort: HTTP_PORT,
      opcuaPort: OPCUA_PORT,
      speed: 600,
      tokens: [{ role: 'planner', token: PLANNER, name: 'e2e planner' }],
      logLevel: 'info',
      config: { dispatch: { auto: { maxOrdersAtRisk: 100 } } },
    });
    api = apiClient(service.url);
    stream = await StreamClient.open(
      `${service.url.replace(/^http/, 'ws')}/api/stream?token=${PLANNER}`,
      5000,
    );
  });

  afterAll(async () => {
    await stream?.close();
    await service?.close();
  });

  it('dispatches a validated plan without a planner, and every machine acknowledges', async () => {
    const accepted = await api<{ id: string }>('/api/schedules', {
      method: 'POST',
      token: PLANNER,
      body: { timeBudgetS: 0.5 },
    });
    expect(accepted.status).toBe(202);
    const acknowledged = await stream.waitFor(
      'a plan acknowledged on the stream',
      (ms: readonly StreamMessage[]) =>
        ms
          .filter((m) => m.type === 'plan')
          .map((m) => m.data as PlanData)
          .find((p) => p.status === 'acknowledged'),
      60_000,
    );
    expect(acknowledged.acceptedBy).toBe('policy');
    const plan = await api<{ status: string; acceptedBy?: string }>(`/api/plans/${acknowledged.id}`, {
      token: PLANNER,
    });
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ status: 'acknowledged', acceptedBy: 'policy' });
    const acks = stream.messages
      .filter((m) => m.type === 'dispatch')
      .map((m) => m.data as { plan: string; machine: string; status: string })
      .filter((d) => d.plan === acknowledged.id && d.status === 'acknowledged');
    expect(new Set(acks.map((d) => d.machine)).size).toBeGreaterThan(10);
    // Validated first, then acknowledged.
    const statuses = stream.messages
      .filter((m) => m.type === 'plan' && (m.data as PlanData).id === acknowledged.id)
      .map((m) => (m.data as PlanData).status);
    expect(statuses.indexOf('validated')).toBeGreaterThanOrEqual(0);
    expect(statuses.indexOf('validated')).toBeLessThan(statuses.indexOf('acknowledged'));
  });
});
