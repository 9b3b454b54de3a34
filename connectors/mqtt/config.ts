import Type, { type Static } from 'typebox';
import { parseConfig } from '../ingest/parse-config.js';
import { ReconnectBackoff } from '../ingest/reconnect.js';

export const MqttTlsConfig = Type.Object(
  {
    caFile: Type.Optional(
      Type.String({ minLength: 1, description: 'PEM file of the CA that signed the broker' }),
    ),
    certFile: Type.Optional(
      Type.String({ minLength: 1, description: 'PEM client certificate (mutual TLS)' }),
    ),
    keyFile: Type.Optional(
      Type.String({ minLength: 1, description: 'PEM private key of the client certificate' }),
    ),
    rejectUnauthorized: Type.Boolean({ default: true }),
  },
  { additionalProperties: false },
);
export type MqttTlsConfig = Static<typeof MqttTlsConfig>;

/** The broker connection of every MQTT configuration (ingest, dispatch): one schema, one URL check. */
export const MqttBrokerFields = {
  url: Type.String({
    pattern: '^(mqtts?|wss?|tcp|ssl)://',
    description: 'broker URL, e.g. mqtt://host:1883',
  }),
  clientId: Type.String({
    minLength: 1,
    maxLength: 128,
    description: 'fixed client id: the broker keeps the persistent session under it',
  }),
  username: Type.Optional(Type.String()),
  password: Type.Optional(Type.String()),
  tls: Type.Optional(MqttTlsConfig),
};

/** A topic pattern (connectors/mqtt/topic-pattern.ts) whose messages carry JSON telemetry (json-payload.ts). */
export const MqttJsonRoute = Type.Object(
  {
    pattern: Type.String({ minLength: 1, description: 'e.g. plant/+line/+asset/+signal' }),
    asset: Type.Optional(
      Type.String({ minLength: 1, description: 'fixed asset when the pattern captures none' }),
    ),
    signal: Type.Optional(
      Type.String({ minLength: 1, description: 'fixed signal when the pattern captures none' }),
    ),
    form: Type.Union([Type.Literal('value'), Type.Literal('values')], {
      default: 'value',
      description:
        'value: one signal per message (json-payload.ts); values: several signals of the asset per message (json-values-payload.ts)',
    }),
  },
  { additionalProperties: false },
);
export type MqttJsonRoute = Static<typeof MqttJsonRoute>;

export const SparkplugConfig = Type.Object(
  {
    groups: Type.Array(Type.String({ minLength: 1 }), {
      default: ['+'],
      description: 'Sparkplug group ids to listen to (+ for all)',
    }),
    rebirthIntervalMs: Type.Integer({
      minimum: 0,
      default: 5000,
      description: 'least time between two rebirth requests to one edge node',
    }),
  },
  { additionalProperties: false },
);
export type SparkplugConfig = Static<typeof SparkplugConfig>;

export const MqttIngestConfig = Type.Object(
  {
    source: Type.String({
      minLength: 1,
      maxLength: 200,
      default: 'mqtt',
      description: 'observation source name',
    }),
    ...MqttBrokerFields,
    clean: Type.Boolean({
      default: false,
      description: 'false keeps a persistent session across reconnects',
    }),
    qos: Type.Union([Type.Literal(0), Type.Literal(1)], {
      default: 1,
      description: 'subscription QoS, 0 or 1',
    }),
    keepaliveS: Type.Integer({ minimum: 0, maximum: 65535, default: 30 }),
    connectTimeoutMs: Type.Integer({ minimum: 100, default: 10_000 }),
    reconnect: ReconnectBackoff({ initialDelayMs: 500, maxDelayMs: 30_000 }),
    redeliveryWindow: Type.Integer({
      minimum: 1,
      maximum: 1_000_000,
      default: 10_000,
      description:
        'QoS 1 messages remembered to recognise a redelivery (DUP) of one already handled; keep it above the broker in-flight limit',
    }),
    json: Type.Array(MqttJsonRoute, { default: [] }),
    sparkplug: Type.Optional(SparkplugConfig),
  },
  { additionalProperties: false },
);
export type MqttIngestConfig = Static<typeof MqttIngestConfig>;

/** Validate an MQTT ingest configuration (defaults filled in); throws a TwinError naming each bad field. */
export function parseMqttIngestConfig(value: unknown): MqttIngestConfig {
  return parseConfig(MqttIngestConfig, value, 'mqtt ingest configuration');
}
