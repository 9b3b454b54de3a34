import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testService, type TestService } from './__fixtures__/test-service.js';
import { buildApp } from './app.js';

const TOKEN = 'v-token-0123456789';
const T0 = Date.UTC(2026, 10, 23, 6);
const auth = { authorization: `Bearer ${TOKEN}` };

describe('floor plan, order book and event log routes', () => {
  let app: FastifyInstance;
  let service: TestService;

  beforeAll(async () => {
    service = await testService({
      options: { tokens: [{ role: 'viewer', token: TOKEN }] },
      now: () => T0,
    });
    app = await buildApp(service.deps);
  });
  afterAll(async () => {
    await service.close();
    await app.close();
  });

  it('gives the floor plan: machines with placements, lines with their extent, buffers, transporters', async () => {
    const res = await app.inject({ url: '/api/layout', headers: auth });
    expect(res.statusCode).toBe(200);
    const layout = res.json();
    const oven = layout.machines.find((m: { id: string }) => m.id === 'OV1');
    expect(oven).toMatchObject({ kind: 'heat-treatment-oven', line: 'finishing' });
    // 2026-11-25T06:00+08:00 is 2026-11-24T22:00Z.
    expect(oven.maintenance[0]).toMatchObject({
      startMs: Date.UTC(2026, 10, 24, 22),
      endMs: Date.UTC(2026, 10, 25, 2),
      reason: 'burner inspection',
    });
    const finishing = layout.lines.find((l: { id: string }) => l.id === 'finishing');
    // OV1 is turned by 90°: its 4 m width runs along y.
    expect(finishing.size.depth).toBeCloseTo(4);
    for (const m of layout.machines) {
      expect(m.placement.position.x).toBeGreaterThan(layout.bounds.minX);
      expect(m.placement.position.x).toBeLessThan(layout.bounds.maxX);
    }
    expect(layout.buffers.map((b: { id: string }) => b.id)).toEqual(['B1']);
    expect(layout.transporters[0]).toMatchObject({ id: 'AGV1', kind: 'agv', home: { x: 2, y: 6 } });
  });

  it('gives the order book with due dates in epoch ms', async () => {
    const orders = (await app.inject({ url: '/api/orders', headers: auth })).json();
    expect(orders.length).toBe(service.deps.orders().length);
    expect(orders.length).toBeGreaterThan(0);
    for (const o of orders) {
      expect(o.quantity).toBeGreaterThan(0);
      if (o.dueMs !== undefined) expect(o.dueMs).toBeGreaterThan(Date.UTC(2026, 0, 1));
    }
  });

  it('gives the event log filtered by asset, kind and time, and refuses a reversed range', async () => {
    const obs = (asset: string, value: string, ts: number) =>
      ({ source: 'test', asset, signal: 'state', value, quality: 'good', sourceTs: ts }) as const;
    service.deps.twin.accept([
      obs('L1', 'running', T0),
      obs('L2', 'running', T0),
      obs('L1', 'down', T0 + 5000),
    ]);
    const url = `/api/events?asset=L1&kind=state&from=${T0}&to=${T0 + 10_000}`;
    const res = (await app.inject({ url, headers: auth })).json();
    expect(res.events.map((e: { detail: string }) => e.detail)).toEqual(['off → running', 'running → down']);
    const limited = (await app.inject({ url: `/api/events?limit=1`, headers: auth })).json();
    expect(limited.events).toHaveLength(1);
    expect(limited.events[0]).toMatchObject({ asset: 'L1', kind: 'alarm', detail: 'L1 is down' });
    const bad = await app.inject({ url: `/api/events?from=10&to=5`, headers: auth });
    expect(bad.statusCode).toBe(422);
    const badKind = await app.inject({ url: `/api/events?kind=nope`, headers: auth });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().message).toMatch(/kind/);
  });

  it('tells the client its role, and refuses it without a token', async () => {
    expect((await app.inject({ url: '/api/me', headers: auth })).json()).toEqual({
      role: 'viewer',
      name: 'viewer',
    });
    expect((await app.inject({ url: '/api/me' })).statusCode).toBe(401);
  });

  it('publishes the KPIs on the stream when asked', () => {
    const seen: unknown[] = [];
    const off = service.deps.stream.subscribe((m) => seen.push(m));
    service.deps.twin.publishKpis(T0 + 60_000);
    off();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      type: 'kpis',
      data: { atMs: T0 + 60_000, kpis: { wip: expect.any(Number) } },
    });
  });
});
