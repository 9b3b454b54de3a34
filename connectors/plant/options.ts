import Type, { type Static } from 'typebox';
import { parseConfig } from '../ingest/parse-config.js';
import { SparkplugId } from '../dispatch/config.js';
import { MqttBrokerFields } from '../mqtt/config.js';

export const PlantOpcuaConfig = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean({ default: true })),
    host: Type.Optional(Type.String({ minLength: 1, default: '127.0.0.1' })),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, default: 4840 })),
    pkiDir: Type.Optional(Type.String({ minLength: 1, default: 'pki/embedded-plant' })),
    acceptUnknownCertificates: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);

/**
 * Job orders the plant takes over MQTT (the receiving side of connectors/dispatch/mqtt-transport.ts): JSON on
 * `<prefix>/<machine>/joborder`, and/or Sparkplug B DCMDs to the device named after each machine of edge node
 * `edgeNode` in group `groupId`. At least one of the two.
 */
export const PlantJobOrdersConfig = Type.Object(
  {
    json: Type.Optional(
      Type.Object(
        {
          prefix: Type.String({
            minLength: 1,
            pattern: '^[^+#]+$',
            default: 'shopfloor/dispatch',
            description: 'job orders on <prefix>/<machine>/joborder, answers on …/joborder/ack',
          }),
        },
        { additionalProperties: false },
      ),
    ),
    sparkplug: Type.Optional(
      Type.Object(
        {
          groupId: SparkplugId,
          edgeNode: Type.String({
            minLength: 1,
            maxLength: 128,
            pattern: '^[^+#/]+$',
            default: 'embedded-plant',
            description: 'the edge node whose devices (one per machine, named by its id) take job orders',
          }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PlantJobOrdersConfig = Static<typeof PlantJobOrdersConfig>;

export const PlantMqttConfig = Type.Object(
  {
    url: MqttBrokerFields.url,
    prefix: Type.Optional(Type.String({ minLength: 1, default: 'shopfloor' })),
    qos: Type.Optional(Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2)], { default: 0 })),
    clientId: Type.Optional(Type.String({ minLength: 1 })),
    username: Type.Optional(Type.String()),
    password: Type.Optional(Type.String()),
    /** Messages kept while the broker is away; beyond it the oldest are dropped and counted. */
    maxQueued: Type.Optional(Type.Integer({ minimum: 0, default: 10_000 })),
    /** With it, the plant also receives job orders on this broker (JSON and/or Sparkplug B) and executes them. */
    jobOrders: Type.Optional(PlantJobOrdersConfig),
  },
  { additionalProperties: false },
);
export type PlantMqttConfig = Static<typeof PlantMqttConfig>;

/** The embedded plant's options (from the service configuration); unknown keys are rejected. */
export const PlantOptions = Type.Object(
  {
    scenario: Type.Optional(Type.String({ minLength: 1, default: 'scenarios/demo-plant.yaml' })),
    speed: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, default: 60, description: 'simulated s per wall s' }),
    ),
    seed: Type.Optional(Type.Integer({ minimum: 0, description: "default: the scenario's experiment seed" })),
    sampleMs: Type.Optional(
      Type.Integer({ minimum: 10, default: 1000, description: 'process signals period' }),
    ),
    source: Type.Optional(Type.String({ minLength: 1, default: 'plant:embedded' })),
    allowEarly: Type.Optional(Type.Boolean({ default: false })),
    opcua: Type.Optional(PlantOpcuaConfig),
    mqtt: Type.Optional(PlantMqttConfig),
  },
  { additionalProperties: false },
);
export type PlantOptions = Static<typeof PlantOptions>;

/** Validated options with defaults filled in (the OPC UA server's too); throws a TwinError naming each bad field. */
export function readPlantOptions(raw: unknown): PlantOptions {
  const options = parseConfig(PlantOptions, raw ?? {}, 'plant options');
  options.opcua ??= parseConfig(PlantOpcuaConfig, {}, 'plant options: opcua');
  return options;
}
