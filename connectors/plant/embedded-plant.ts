import { modelOf, type Scenario } from '../../scenarios/schema.js';
import type { FactoryModel } from '../../twin/schema/factory.js';
import { readScenarioFile } from '../cli/read-input.js';
import { formatIssues } from '../cli/report-issues.js';
import { silentLogger, type ConnectorLogger } from '../ingest/logger.js';
import { fanOut, type ObservationSink } from '../telemetry/observation-sink.js';
import type { JobOrderTarget } from './job-order-target.js';
import { LivePlant } from './live-plant.js';
import { MqttJobOrderReceiver } from './mqtt-job-orders.js';
import { MqttTelemetryPublisher } from './mqtt-publisher.js';
import type { MachineIdentity } from './opcua-address-space.js';
import { PlantOpcuaServer } from './opcua-server.js';
import { readPlantOptions, type PlantOptions } from './options.js';

export interface EmbeddedPlant {
  readonly plant: LivePlant;
  /** opc.tcp://… when the OPC UA server runs. */
  readonly opcuaEndpoint: string | undefined;
  /** Milliseconds the OPC UA server took to start (nodesets, address space, listening). */
  readonly opcuaStartupMs: number | undefined;
  readonly mqtt: MqttTelemetryPublisher | undefined;
  /** The job order receiver on the MQTT broker, when `mqtt.jobOrders` is configured. */
  readonly mqttJobOrders: MqttJobOrderReceiver | undefined;
  stop(): Promise<void>;
}

/** The scenario file with its what-if edits applied; problems named with file, line and path. */
export async function loadScenario(file: string): Promise<Scenario> {
  const loaded = await readScenarioFile(file);
  if (!loaded.ok) throw new Error(formatIssues(file, loaded.issues).trimEnd());
  return loaded.edited;
}

/** Nameplate data of a simulated machine (OPC 40001-1 Identification). */
function identities(model: FactoryModel): MachineIdentity[] {
  return model.machines.map((m) => ({
    id: m.id,
    name: m.name ?? m.id,
    kind: m.kind,
    line: m.line,
    manufacturer: 'shopfloor-twin (simulated)',
    model: m.name ?? m.kind,
    serialNumber: `SIM-${model.site.id}-${m.id}`,
    productInstanceUri: `urn:shopfloor-twin:${model.site.id}:${m.id}`,
  }));
}

/**
 * Load the scenario and run it as a live plant behind an OPC UA server (and an MQTT publisher when configured),
 * its observations also going to `sink` (the twin). The plant starts running at once.
 */
export async function startEmbeddedPlant(
  raw: unknown,
  sink?: ObservationSink,
  /** The scenario of `options.scenario`, when the caller has loaded it already (edits applied). */
  loadedScenario?: Scenario,
  logger: ConnectorLogger = silentLogger,
): Promise<EmbeddedPlant> {
  const options: PlantOptions = readPlantOptions(raw);
  const scenario = loadedScenario ?? (await loadScenario(options.scenario!));
  const model = modelOf(scenario);
  // The OPC UA server and the MQTT publisher join `sinks` once they run; the fan-out reads the list per batch.
  const sinks: ObservationSink[] = sink ? [sink] : [];
  const forward = fanOut(sinks);
  const plant = new LivePlant({
    model,
    orders: scenario.orders,
    startMs: Date.parse(scenario.start),
    seed: options.seed ?? scenario.experiment?.seed ?? 1,
    ...(scenario.experiment?.rng && { rng: scenario.experiment.rng }),
    ...(scenario.experiment?.dispatchRule && { rule: scenario.experiment.dispatchRule }),
    speed: options.speed!,
    sampleMs: options.sampleMs!,
    source: options.source!,
    allowEarly: options.allowEarly!,
    sink: forward,
  });

  let server: PlantOpcuaServer | undefined;
  const ua = options.opcua!;
  if (ua.enabled) {
    const machines = identities(model).map((identity, i) => ({
      identity,
      telemetry: plant.snapshot().machines[i]!,
      jobs: {
        store: (jobOrder: unknown, andStart: boolean) =>
          plant.storeJobOrder(identity.id, jobOrder, andStart).returnStatus,
        start: (id: unknown) => plant.startJobOrder(identity.id, id).returnStatus,
        cancel: (id: unknown) => plant.cancelJobOrder(identity.id, id).returnStatus,
        clear: (id: unknown) => plant.clearJobOrder(identity.id, id).returnStatus,
        list: () =>
          JSON.stringify(
            plant.jobOrders
              .list()
              .filter((r) => r.jobOrder.machine === identity.id)
              .map((r) => ({ jobOrderId: r.jobOrder.jobOrderId, state: r.state })),
          ),
      },
    }));
    server = await PlantOpcuaServer.start(
      {
        host: ua.host!,
        port: ua.port!,
        pkiDir: ua.pkiDir!,
        acceptUnknownCertificates: ua.acceptUnknownCertificates!,
      },
      machines,
    );
    sinks.push(server);
  }
  let mqtt: MqttTelemetryPublisher | undefined;
  let mqttJobOrders: MqttJobOrderReceiver | undefined;
  if (options.mqtt) {
    const m = options.mqtt;
    mqtt = new MqttTelemetryPublisher(
      { ...m, prefix: m.prefix!, qos: m.qos!, maxQueued: m.maxQueued! },
      new Map(model.machines.map((x) => [x.id as string, x.line as string])),
      (error) => logger.warn('embedded plant: mqtt error', { error: error.message }),
    );
    sinks.push(mqtt);
    if (m.jobOrders) mqttJobOrders = new MqttJobOrderReceiver(m, m.jobOrders, jobOrderTarget(plant), logger);
  }
  plant.start();
  return {
    plant,
    opcuaEndpoint: server?.endpointUrl,
    opcuaStartupMs: server?.startupMs,
    mqtt,
    mqttJobOrders,
    async stop() {
      plant.stop();
      await Promise.all([server?.stop(), mqtt?.stop(), mqttJobOrders?.stop()]);
    },
  };
}

/** The plant's JobOrderControl for the MQTT receivers: the same calls its OPC UA methods make. */
function jobOrderTarget(plant: LivePlant): JobOrderTarget {
  return {
    machines: plant.snapshot().machines.map((m) => m.id),
    store: (machine, text, andStart) => plant.storeJobOrder(machine, text, andStart),
    stateOf: (id) => plant.jobOrders.get(id)?.state,
  };
}
