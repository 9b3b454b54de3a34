// The one composition root: configuration → history → twin → embedded plant or ingest → dispatch → HTTP.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { modelOf } from '../scenarios/schema.js';
import type { Plan } from '../twin/schema/plan.js';
import { loadConfig, redactConfig, type ServiceConfig } from './config.js';
import { parseOpcUaDispatchConfig } from './dispatch/config.js';
import { dispatchPlan } from './dispatch/dispatcher.js';
import { OpcUaJobOrderTransport } from './dispatch/opcua-transport.js';
import { MqttJobOrderTransport } from './dispatch/mqtt-transport.js';
import { MemoryHistory } from './history/memory-history.js';
import type { HistoryReader } from './history/history-reader.js';
import { buildApp } from './http/app.js';
import type { TokenEntry } from './http/auth.js';
import { InfluxWriter } from './influx/influx-writer.js';
import { InfluxQlReader } from './influx/influxql-reader.js';
import type { ConnectorLogger } from './ingest/logger.js';
import { ObservationGate } from './ingest/observation-gate.js';
import { MqttIngest } from './mqtt/mqtt-ingest.js';
import { OpcUaIngest } from './opcua/opcua-ingest.js';
import { loadScenario, startEmbeddedPlant, type EmbeddedPlant } from './plant/embedded-plant.js';
import { TwinPersistence } from './service/twin-persistence.js';
import { buildDeps } from './service/compose.js';
import { ProductionScheduler } from './service/production-scheduler.js';
import { ProductionSolverPool } from '../solver/runtime/solve-production.js';
import { PlanRiskPool } from '../solver/runtime/plan-risk.js';
import type { PlanDispatcher } from './service/contracts.js';
import { fanOut, type ObservationSink } from './telemetry/observation-sink.js';

export interface RunningService {
  url: string;
  adminUrl?: string;
  close(): Promise<void>;
}

function connectorLogger(log: Logger): ConnectorLogger {
  return { info: (m, d) => log.info(d ?? {}, m), warn: (m, d) => log.warn(d ?? {}, m) };
}

/** Start everything the configuration asks for; `close()` stops it in reverse order (jobs, plant, buffers). */
export async function startService(config: Readonly<ServiceConfig>, log: Logger): Promise<RunningService> {
  const clog = connectorLogger(log);
  const closers: (() => Promise<void> | void)[] = [];
  const plantOptions = config.plant.options ?? {};
  const scenarioFile = plantOptions.scenario ?? 'scenarios/demo-plant.yaml';
  const scenario = await loadScenario(scenarioFile);
  const model = modelOf(scenario);
  const lineOf = new Map(model.machines.map((m) => [m.id as string, m.line as string]));

  // History: InfluxDB when configured, else a bounded in-memory history.
  const sinks: ObservationSink[] = [];
  const memory = config.history.influxRead ? undefined : new MemoryHistory(config.history.memory ?? {});
  if (memory) sinks.push(memory);
  const history: HistoryReader = memory ?? new InfluxQlReader(config.history.influxRead);
  const writer = config.history.influxWrite
    ? new InfluxWriter(config.history.influxWrite, { logger: clog, lineOf: (asset) => lineOf.get(asset) })
    : undefined;
  if (writer) {
    sinks.push(writer);
    closers.push(async () => {
      await writer.close();
    });
  }

  let plant: EmbeddedPlant | undefined;
  const tokens: TokenEntry[] = [...config.auth.tokens];
  let generated: string | undefined;
  if (tokens.length === 0) {
    generated = randomBytes(24).toString('base64url');
    tokens.push({ token: generated, role: 'admin', name: 'generated' });
  }
  const plantNow = (): number => plant?.plant.snapshot().clockMs ?? Date.now();
  let transport: (OpcUaJobOrderTransport | MqttJobOrderTransport) | undefined;
  const solver = new ProductionSolverPool(1);
  const risk = new PlanRiskPool({ workers: config.limits.workers });
  closers.push(
    () => solver.close(),
    () => risk.destroy(),
  );
  const scheduler = new ProductionScheduler({
    // The plant's order book with its progress now; without an embedded plant, the scenario as loaded.
    live: () =>
      plant
        ? {
            scenario: { ...scenario, orders: plant.plant.ordersNow() },
            nowS: plant.plant.snapshot().simTimeS,
          }
        : { scenario, nowS: Math.max(0, (Date.now() - Date.parse(scenario.start)) / 1000) },
    solver,
    risk,
    riskReplications: config.limits.riskReplications,
    maxOperations: config.limits.maxOperations,
    now: plantNow,
  });
  const dispatcher: PlanDispatcher = {
    async dispatch(plan, onStatus) {
      if (!transport) {
        log.warn({ plan: plan.id }, 'no dispatch transport configured: the plan reaches no machine');
        return [];
      }
      const timeoutMs = config.dispatch.timeoutMs;
      return (await dispatchPlan(plan as Plan, { transport, timeoutMs, onChange: onStatus })).machines;
    },
  };
  const https = config.http.tls
    ? { key: await readFile(config.http.tls.keyFile), cert: await readFile(config.http.tls.certFile) }
    : undefined;
  const deps = buildDeps({
    scheduler,
    scenario,
    options: {
      tokens,
      limits: {
        maxTimeBudgetS: config.limits.maxTimeBudgetS,
        maxReplications: config.limits.maxReplications,
        bodyLimitBytes: config.http.bodyLimitBytes,
      },
      ...(config.http.cors && { cors: { origins: [...config.http.cors.origins] } }),
      ...(config.http.rateLimit && { rateLimit: { ...config.http.rateLimit } }),
      ...(existsSync(config.viewer.dir) && { viewerDir: path.resolve(config.viewer.dir) }),
      logger: { level: config.log.level },
      ...(https && { https }),
    },
    history,
    dispatcher,
    orders: () => (plant ? plant.plant.ordersNow() : scenario.orders),
    now: plantNow,
    workers: config.limits.workers,
    jobs: { maxJobs: config.limits.maxJobs, ttlMs: config.limits.jobTtlS * 1000 },
    ...(config.dispatch.auto && { autoDispatch: { ...config.dispatch.auto } }),
    onAutoDispatchError: (plan, err) => log.error({ plan, err }, 'automatic dispatch failed'),
    ready: () => {
      const checks: Record<string, boolean> = plant ? { plant: plant.plant.isRunning } : {};
      return { ready: Object.values(checks).every(Boolean), checks };
    },
  });
  deps.metrics.bindSources({
    rejected: () => gate.counters().rejected,
    ...(writer && { history: () => ({ ...writer.counters() }) }),
  });
  sinks.push(deps.twin);
  const gate = new ObservationGate({ sink: fanOut(sinks), logger: clog });
  const gateSink: ObservationSink = { accept: (batch) => batch.forEach((o) => gate.offer(o)) };
  if (config.state.file) {
    const persistence = new TwinPersistence({
      file: config.state.file,
      saveEveryMs: config.state.saveEveryS * 1000,
      twin: deps.twin,
      history,
      logger: clog,
    });
    await persistence.restore(Date.now());
    persistence.start();
    // Runs after the gate is closed (closers run in reverse), so the last observations are in the file.
    closers.push(() => persistence.close());
  }
  closers.push(() => gate.close());

  if (config.plant.embedded) {
    plant = await startEmbeddedPlant({ ...plantOptions, scenario: scenarioFile }, gateSink, scenario, clog);
    deps.twin.store.lastMs = plant.plant.snapshot().clockMs;
    closers.push(() => plant!.stop());
    log.info({ endpoint: plant.opcuaEndpoint, startupMs: plant.opcuaStartupMs }, 'embedded plant running');
  }
  for (const c of config.ingest.opcua ?? []) {
    const ingest = new OpcUaIngest(c, { gate, logger: clog });
    void ingest.start().catch((err: Error) => log.error({ err }, 'OPC UA ingest stopped'));
    closers.push(() => ingest.stop());
  }
  for (const c of config.ingest.mqtt ?? []) {
    const ingest = new MqttIngest(c, { gate, logger: clog });
    void ingest.start().catch((err: Error) => log.error({ err }, 'MQTT ingest stopped'));
    closers.push(() => ingest.stop());
  }
  if (config.dispatch.opcua) transport = new OpcUaJobOrderTransport(config.dispatch.opcua, clog);
  else if (config.dispatch.mqtt) transport = new MqttJobOrderTransport(config.dispatch.mqtt, clog);
  else if (plant?.opcuaEndpoint) {
    // The service talks to its own plant as to any other: over OPC UA, on loopback.
    const port = plantOptions.opcua?.port ?? 4840;
    transport = new OpcUaJobOrderTransport(
      parseOpcUaDispatchConfig({ connection: { endpointUrl: `opc.tcp://127.0.0.1:${port}` } }),
      clog,
    );
  }
  if (transport) {
    const t = transport;
    // Connected in the background: a plant that is not reachable yet delays dispatch, never the start.
    void t.connect().catch((err: Error) => log.error({ err }, 'dispatch transport cannot connect'));
    closers.push(() => t.close());
  }

  // KPIs drift with time even when no telemetry comes: publish them every couple of seconds.
  const kpiTimer = setInterval(() => deps.twin.publishKpis(plantNow()), 2000);
  kpiTimer.unref();
  closers.push(async () => clearInterval(kpiTimer));

  const app = await buildApp(deps);
  await app.listen({ host: config.http.host, port: config.http.port });
  // In the background: a plant too large to schedule quickly still starts at once.
  void scheduler
    .warmUp()
    .then(() => log.debug('scheduler and risk workers warm'))
    .catch((err: Error) => log.warn({ err }, 'scheduler warm-up failed'));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const url = `${https ? 'https' : 'http'}://${config.http.host}:${port}`;
  return {
    url,
    ...(generated && { adminUrl: `${url}/?token=${generated}` }),
    async close() {
      await deps.schedules.close();
      await deps.runs.close();
      await app.close();
      for (const close of closers.reverse()) await close();
    },
  };
}

/** `npm start`: start, print the URL, shut down cleanly on SIGINT/SIGTERM. */
export async function main(): Promise<void> {
  const config = await loadConfig();
  const log = pino({ level: config.log.level, redact: ['token', 'password', '*.token', '*.password'] });
  log.info({ config: redactConfig(config) }, 'configuration');
  const service = await startService(config, log);
  process.stdout.write(`\nshopfloor-twin is running at ${service.url}\n`);
  if (service.adminUrl)
    process.stdout.write(`open (admin token, generated for this run): ${service.adminUrl}\n\n`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    service.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
