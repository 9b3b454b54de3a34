import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import type { AppDeps } from './deps.js';
import { testService, type TestService } from './__fixtures__/test-service.js';

const TOKEN = 'viewer-token-0123456789';
const T0 = Date.UTC(2026, 10, 23, 6);

describe('GET /api/stream (WebSocket)', () => {
  let app: FastifyInstance;
  let deps: AppDeps;

  let service: TestService;

  beforeAll(async () => {
    service = await testService({
      options: { tokens: [{ role: 'viewer', token: TOKEN }] },
      now: () => T0,
    });
    deps = service.deps;
    app = await buildApp(deps);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await service.close();
  });

  type Msg = { seq: number; type: string; data: unknown };
  /** Connect and collect messages from the first one on (the server greets as soon as the socket opens). */
  const connect = async (url: string) => {
    const got: Msg[] = [];
    const ws = await app.injectWS(
      url,
      {},
      {
        onInit: (socket) => socket.on('message', (d: Buffer) => got.push(JSON.parse(d.toString()) as Msg)),
      },
    );
    return { ws, got };
  };
  const until = async (cond: () => boolean) => {
    for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(cond()).toBe(true);
  };

  it('refuses a client without a token', async () => {
    await expect(app.injectWS('/api/stream')).rejects.toThrow(/401/);
  });

  it('greets with a snapshot, then streams twin deltas; a client resumes after its last seq', async () => {
    const { ws, got } = await connect(`/api/stream?token=${TOKEN}`);
    await until(() => got.length >= 1);
    expect(got[0]!.type).toBe('hello');
    deps.twin.accept([
      { source: 't', asset: 'L1', signal: 'state', value: 'running', quality: 'good', sourceTs: T0 },
    ]);
    await until(() => got.length >= 2);
    expect(got[1]).toMatchObject({ type: 'twin', data: [{ machine: 'L1', state: 'running' }] });
    const last = got[1]!.seq;
    ws.terminate();
    deps.twin.accept([
      { source: 't', asset: 'L2', signal: 'state', value: 'down', quality: 'good', sourceTs: T0 + 1 },
    ]);
    const { ws: again, got: missed } = await connect(`/api/stream?token=${TOKEN}&since=${last}`);
    await until(() => missed.some((m) => m.type === 'alarm'));
    expect(missed[0]).toMatchObject({
      seq: last + 1,
      type: 'twin',
      data: [{ machine: 'L2', state: 'down' }],
    });
    again.terminate();
  });

  it('tells a client whose gap is no longer held to resync from a snapshot', async () => {
    for (let i = 0; i < 10_001; i++) deps.stream.publish('job', { i });
    const { ws, got } = await connect(`/api/stream?token=${TOKEN}&since=1`);
    await until(() => got.length >= 1);
    expect(got[0]!.type).toBe('resync');
    ws.terminate();
  });

  it('tells a client ahead of the server (it saw a service since restarted) to resync from a snapshot', async () => {
    const { ws, got } = await connect(`/api/stream?token=${TOKEN}&since=${deps.stream.lastSeq + 1000}`);
    await until(() => got.length >= 1);
    expect(got[0]).toMatchObject({ type: 'resync', seq: deps.stream.lastSeq });
    ws.terminate();
  });
});
