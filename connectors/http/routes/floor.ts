import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import { LayoutView, OrderView } from '../../../twin/schema/layout-view.js';
import { TWIN_EVENT_KINDS, TwinEventState } from '../../../twin/schema/twin-store-state.js';
import { TwinError } from '../../../twin/errors.js';
import { StringEnum } from '../../../twin/schema/string-enum.js';
import type { AppDeps } from '../deps.js';

const EventsQuery = Type.Object(
  {
    from: Type.Optional(Type.Number({ description: 'ms since the epoch (default: all the log holds)' })),
    to: Type.Optional(Type.Number({ description: 'ms since the epoch (default: now)' })),
    asset: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    kind: Type.Optional(StringEnum(TWIN_EVENT_KINDS, 'an event kind')),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 10_000 })),
    token: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/**
 * What the viewer needs beyond the live snapshot: the floor plan, the live order book (due dates mark late
 * operations), and the twin's event log (state and job changes) to replay the recent past.
 */
export async function floorRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const viewer = { role: 'viewer' as const };

  app.get(
    '/api/me',
    {
      config: viewer,
      schema: {
        tags: ['twin'],
        response: { 200: Type.Object({ role: Type.String(), name: Type.String() }) },
      },
    },
    async (request) => request.principal ?? { role: 'viewer', name: 'anonymous' },
  );

  app.get(
    '/api/layout',
    { config: viewer, schema: { tags: ['twin'], response: { 200: LayoutView } } },
    async () => deps.layout,
  );

  app.get(
    '/api/orders',
    { config: viewer, schema: { tags: ['twin'], response: { 200: Type.Array(OrderView) } } },
    async () => deps.orders(),
  );

  app.get<{ Querystring: Static<typeof EventsQuery> }>(
    '/api/events',
    {
      config: viewer,
      schema: {
        tags: ['twin'],
        querystring: EventsQuery,
        response: {
          200: Type.Object({ dropped: Type.Integer(), events: Type.Array(TwinEventState) }),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const fromMs = q.from ?? -Infinity;
      const toMs = q.to ?? Infinity;
      if (fromMs > toMs) throw new TwinError('TWIN_E_INCONSISTENT', `from (${fromMs}) is after to (${toMs})`);
      const log = deps.twin.store.events;
      const events = log.toArray(
        (e) =>
          e.atMs >= fromMs &&
          e.atMs <= toMs &&
          (q.asset === undefined || e.asset === q.asset) &&
          (q.kind === undefined || e.kind === q.kind),
      );
      // The newest ones when there are more than the limit: replay walks back from now.
      return { dropped: log.dropped, events: events.slice(-(q.limit ?? 10_000)) };
    },
  );
}
