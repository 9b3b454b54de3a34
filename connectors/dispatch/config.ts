import Type, { type Static } from 'typebox';
import { parseConfig } from '../ingest/parse-config.js';
import { MqttBrokerFields } from '../mqtt/config.js';
import { OpcUaConnectionConfig } from '../opcua/config.js';

export const OpcUaDispatchConfig = Type.Object(
  {
    connection: OpcUaConnectionConfig,
    method: Type.Union([Type.Literal('Store'), Type.Literal('StoreAndStart')], {
      default: 'StoreAndStart',
      description: 'the JobOrderControl method called: Store or StoreAndStart',
    }),
    machinesFolder: Type.String({
      minLength: 1,
      default: 'Machines',
      description: 'browse name of the folder under Objects whose children are the machines (by machine id)',
    }),
    machineNodeIds: Type.Optional(
      Type.Record(Type.String(), Type.String({ minLength: 1 }), {
        description: 'machine id → node id of its machine object, where browsing by name does not fit',
      }),
    ),
  },
  { additionalProperties: false },
);
export type OpcUaDispatchConfig = Static<typeof OpcUaDispatchConfig>;

/** A Sparkplug B id (group, edge node, device): one topic level, no wildcard. */
export const SparkplugId = Type.String({ minLength: 1, maxLength: 128, pattern: '^[^+#/]+$' });

export const SparkplugDispatchConfig = Type.Object(
  {
    groupId: SparkplugId,
    edgeNode: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 128,
        pattern: '^[^+#/]+$',
        description: 'edge node of every machine whose device is not listed in devices',
      }),
    ),
    devices: Type.Record(
      Type.String(),
      Type.Object({ edgeNode: SparkplugId, device: SparkplugId }, { additionalProperties: false }),
      { default: {}, description: 'machine id → its Sparkplug edge node and device id' },
    ),
    method: Type.Union([Type.Literal('Store'), Type.Literal('StoreAndStart')], {
      default: 'StoreAndStart',
      description: 'what the device is asked to do with the job order (Job Order/Method metric)',
    }),
    rebirthIntervalMs: Type.Integer({
      minimum: 0,
      default: 5_000,
      description: 'least time between two rebirth requests to one edge node (to learn answer aliases)',
    }),
  },
  { additionalProperties: false },
);
export type SparkplugDispatchConfig = Static<typeof SparkplugDispatchConfig>;

export const MqttDispatchConfig = Type.Object(
  {
    ...MqttBrokerFields,
    prefix: Type.String({
      minLength: 1,
      default: 'shopfloor/dispatch',
      description: '<prefix>/<machine>/joborder',
    }),
    // With it, job orders go as Sparkplug B DCMDs to each machine's device instead of JSON topics.
    sparkplug: Type.Optional(SparkplugDispatchConfig),
    resendMs: Type.Integer({
      minimum: 50,
      default: 2_000,
      description: 'publish the job order again after this long without an acknowledgement',
    }),
  },
  { additionalProperties: false },
);
export type MqttDispatchConfig = Static<typeof MqttDispatchConfig>;

/** Validate an OPC UA dispatch configuration; throws a TwinError naming each bad field. */
export function parseOpcUaDispatchConfig(value: unknown): OpcUaDispatchConfig {
  return parseConfig(OpcUaDispatchConfig, value, 'opcua dispatch configuration');
}

/** Validate an MQTT dispatch configuration; throws a TwinError naming each bad field. */
export function parseMqttDispatchConfig(value: unknown): MqttDispatchConfig {
  return parseConfig(MqttDispatchConfig, value, 'mqtt dispatch configuration');
}
