import type { FastifyInstance } from 'fastify';
import { TwinError } from '../../../twin/errors.js';
import { TwinSnapshot } from '../../../twin/schema/twin-snapshot.js';
import type { AppDeps } from '../deps.js';
import { HistoryQuery, IdParams } from '../schemas.js';
import { twinSnapshot } from '../twin-snapshot.js';

interface IdRequest {
  Params: { id: string };
}

export async function twinRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const viewer = { role: 'viewer' as const };
  const store = deps.twin.store;

  app.get(
    '/api/twin',
    { config: viewer, schema: { tags: ['twin'], response: { 200: TwinSnapshot } } },
    async () => twinSnapshot(deps),
  );

  app.get<IdRequest>(
    '/api/machines/:id',
    { config: viewer, schema: { tags: ['twin'], params: IdParams } },
    async (request) => {
      const { id } = request.params;
      const machine = store.machineView(id, Math.max(store.lastMs, deps.now()));
      if (!machine) throw new TwinError('TWIN_E_NOT_FOUND', `no machine "${id}"`, { machine: id });
      const history = store.events.toArray((e) => e.asset === id && e.kind === 'state').slice(-200);
      const planned = deps.plans.active?.plan.assignments.filter((a) => a.machine === id).slice(0, 50) ?? [];
      return {
        machine,
        stateHistory: history,
        currentJob: machine.order ? { order: machine.order, operation: machine.operation } : null,
        planned,
        alarms: store.alarmList().filter((a) => a.asset === id),
      };
    },
  );

  app.get<IdRequest>(
    '/api/orders/:id/trace',
    { config: viewer, schema: { tags: ['twin'], params: IdParams } },
    async (request) => {
      const { id } = request.params;
      const steps = deps.twin.traces.trace(id);
      const planned = deps.plans.active?.plan.assignments.filter((a) => a.order === id) ?? [];
      if (!steps && planned.length === 0) {
        throw new TwinError(
          'TWIN_E_NOT_FOUND',
          `no trace of order "${id}": it has not run yet and is in no active plan`,
          {
            order: id,
          },
        );
      }
      return { order: id, steps: steps ?? [], planned };
    },
  );

  app.get<{ Querystring: { asset: string; signal: string; from?: number; to?: number; limit?: number } }>(
    '/api/history',
    { config: viewer, schema: { tags: ['twin'], querystring: HistoryQuery } },
    async (request) => {
      const q = request.query;
      const toMs = q.to ?? deps.now();
      const fromMs = q.from ?? toMs - 3_600_000;
      if (fromMs > toMs) throw new TwinError('TWIN_E_INCONSISTENT', `from (${fromMs}) is after to (${toMs})`);
      const points = await deps.history.readSignal({
        asset: q.asset,
        signal: q.signal,
        fromMs,
        toMs,
        limit: q.limit ?? 1000,
      });
      return { asset: q.asset, signal: q.signal, fromMs, toMs, points };
    },
  );
}
