import Type, { type Static } from 'typebox';
import { StringEnum } from '../../twin/schema/string-enum.js';
import { TwinError } from '../../twin/errors.js';
import { parseConfig } from '../ingest/parse-config.js';
import { ReconnectBackoff } from '../ingest/reconnect.js';

export const SECURITY_MODES = ['None', 'Sign', 'SignAndEncrypt'] as const;
export type SecurityModeName = (typeof SECURITY_MODES)[number];

/** How to reach one OPC UA server: endpoint, security, certificates, user. Shared by ingest and dispatch. */
export const OpcUaConnectionConfig = Type.Object(
  {
    endpointUrl: Type.String({ pattern: '^opc\\.tcp://', description: 'e.g. opc.tcp://plc-1:4840' }),
    securityMode: Type.Optional(StringEnum(SECURITY_MODES, 'an OPC UA message security mode (default None)')),
    securityPolicy: Type.Optional(
      StringEnum(['Basic256Sha256'] as const, 'the security policy of Sign and SignAndEncrypt'),
    ),
    pkiFolder: Type.String({
      minLength: 1,
      default: 'pki',
      description: 'certificate store: own certificate and key, trusted/ and rejected/ peers',
    }),
    trustUnknownServers: Type.Boolean({
      default: false,
      description: 'accept a server certificate not yet in pki trusted/ (first use only; off in production)',
    }),
    username: Type.Optional(Type.String({ minLength: 1 })),
    password: Type.Optional(Type.String()),
    applicationName: Type.String({ minLength: 1, default: 'shopfloor-twin' }),
    reconnect: ReconnectBackoff({ initialDelayMs: 500, maxDelayMs: 10_000 }),
  },
  { additionalProperties: false },
);
export type OpcUaConnectionConfig = Static<typeof OpcUaConnectionConfig>;

export const VALUE_KINDS = ['number', 'boolean', 'string', 'any'] as const;

/** One server node → one asset signal. Give `nodeId` (e.g. `ns=2;s=Lathe01.SpindleLoad`) or `browsePath`. */
export const OpcUaMappingItem = Type.Object(
  {
    nodeId: Type.Optional(Type.String({ minLength: 1 })),
    browsePath: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'relative path from the Root folder, e.g. /Objects/2:Machines/2:Lathe01/2:SpindleLoad',
      }),
    ),
    asset: Type.String({ minLength: 1, maxLength: 128 }),
    signal: Type.String({ minLength: 1, maxLength: 128 }),
    expect: Type.Optional(StringEnum(VALUE_KINDS, 'the kind of value the node must carry (default any)')),
  },
  { additionalProperties: false },
);
export type OpcUaMappingItem = Static<typeof OpcUaMappingItem>;

export const OpcUaIngestConfig = Type.Object(
  {
    source: Type.String({
      minLength: 1,
      maxLength: 200,
      default: 'opcua',
      description: 'observation source name',
    }),
    connection: OpcUaConnectionConfig,
    publishingIntervalMs: Type.Integer({ minimum: 10, default: 250 }),
    samplingIntervalMs: Type.Number({
      minimum: 0,
      default: 0,
      description: '0 = report every change as it happens (change-based), otherwise the sampling period',
    }),
    queueSize: Type.Integer({
      minimum: 1,
      default: 100,
      description: 'changes a server keeps per item between publishes',
    }),
    chunkSize: Type.Integer({
      minimum: 1,
      default: 1000,
      description: 'monitored items created per call (servers limit items per call)',
    }),
    mapping: Type.Array(OpcUaMappingItem, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type OpcUaIngestConfig = Static<typeof OpcUaIngestConfig>;

/** Validate an OPC UA ingest configuration; throws a TwinError naming each bad field. */
export function parseOpcUaIngestConfig(value: unknown): OpcUaIngestConfig {
  const config = parseConfig(OpcUaIngestConfig, value, 'opcua ingest configuration');
  const problems: string[] = [];
  config.mapping.forEach((item, index) => {
    if ((item.nodeId === undefined) === (item.browsePath === undefined))
      problems.push(`mapping[${index}]: give exactly one of nodeId and browsePath`);
  });
  if ((config.connection.securityMode ?? 'None') === 'None' && config.connection.securityPolicy)
    problems.push('connection.securityPolicy: only with securityMode Sign or SignAndEncrypt');
  if (problems.length > 0)
    throw new TwinError('TWIN_E_INCONSISTENT', `opcua ingest configuration: ${problems.join('; ')}`);
  return config;
}
