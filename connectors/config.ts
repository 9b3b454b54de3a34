import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import Type, { type Static } from 'typebox';
import YAML from 'yaml';
import { TwinError } from '../twin/errors.js';
import { MqttDispatchConfig, OpcUaDispatchConfig } from './dispatch/config.js';
import { MemoryHistoryConfig } from './history/memory-history.js';
import { InfluxQlReaderConfig, InfluxWriterConfig, withDefaultSpill } from './influx/config.js';
import { parseConfig } from './ingest/parse-config.js';
import { MqttIngestConfig } from './mqtt/config.js';
import { OpcUaIngestConfig } from './opcua/config.js';
import { PlantOptions } from './plant/options.js';
import { ROLES } from './http/auth.js';

const Role = Type.Union(
  ROLES.map((r) => Type.Literal(r)),
  { description: `a role: ${ROLES.join(', ')}` },
);

/** The service's configuration: a file (YAML or JSON) plus TWIN_* environment variables; unknown keys rejected. */
export const ServiceConfig = Type.Object(
  {
    http: Type.Object(
      {
        host: Type.String({ minLength: 1, default: '127.0.0.1' }),
        port: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
        tls: Type.Optional(
          Type.Object(
            { certFile: Type.String({ minLength: 1 }), keyFile: Type.String({ minLength: 1 }) },
            { additionalProperties: false },
          ),
        ),
        cors: Type.Optional(
          Type.Object(
            { origins: Type.Array(Type.String({ minLength: 1 })) },
            { additionalProperties: false },
          ),
        ),
        rateLimit: Type.Optional(
          Type.Object(
            {
              max: Type.Integer({ minimum: 1, description: 'requests per window and client' }),
              windowMs: Type.Integer({ minimum: 1, default: 60_000 }),
            },
            { additionalProperties: false },
          ),
        ),
        bodyLimitBytes: Type.Integer({ minimum: 1024, default: 5 * 1024 * 1024 }),
      },
      { additionalProperties: false, default: {} },
    ),
    auth: Type.Object(
      {
        tokens: Type.Array(
          Type.Object(
            {
              token: Type.String({ minLength: 16, description: 'a secret of at least 16 characters' }),
              role: Role,
              name: Type.Optional(Type.String()),
            },
            { additionalProperties: false },
          ),
          {
            default: [],
            description: 'none: a random admin token is generated at start and printed in a URL',
          },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    plant: Type.Object(
      {
        embedded: Type.Boolean({ default: true, description: 'run the simulated plant in the service' }),
        options: Type.Optional(PlantOptions),
      },
      { additionalProperties: false, default: {} },
    ),
    ingest: Type.Object(
      {
        opcua: Type.Optional(Type.Array(OpcUaIngestConfig)),
        mqtt: Type.Optional(Type.Array(MqttIngestConfig)),
      },
      { additionalProperties: false, default: {} },
    ),
    history: Type.Object(
      {
        memory: Type.Optional(MemoryHistoryConfig),
        influxWrite: Type.Optional(InfluxWriterConfig),
        influxRead: Type.Optional(InfluxQlReaderConfig),
      },
      { additionalProperties: false, default: {} },
    ),
    dispatch: Type.Object(
      {
        opcua: Type.Optional(OpcUaDispatchConfig),
        mqtt: Type.Optional(MqttDispatchConfig),
        timeoutMs: Type.Integer({ minimum: 100, default: 10_000 }),
        auto: Type.Optional(
          Type.Object(
            {
              maxOrdersAtRisk: Type.Optional(
                Type.Integer({ minimum: 0, description: 'dispatch only when at most this many are at risk' }),
              ),
            },
            {
              additionalProperties: false,
              description: 'dispatch each validated plan without a planner (absent: plans wait for one)',
            },
          ),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    limits: Type.Object(
      {
        maxTimeBudgetS: Type.Number({ exclusiveMinimum: 0, default: 60 }),
        maxOperations: Type.Integer({ minimum: 1, default: 20_000 }),
        maxReplications: Type.Integer({ minimum: 1, default: 200 }),
        maxJobs: Type.Integer({ minimum: 1, default: 100 }),
        jobTtlS: Type.Number({ exclusiveMinimum: 0, default: 3600 }),
        workers: Type.Integer({ minimum: 1, default: 2, description: 'solver worker threads per job' }),
        riskReplications: Type.Integer({
          minimum: 1,
          default: 30,
          description: 'replications of the risk analysis that validates a plan',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    state: Type.Object(
      {
        file: Type.Union([Type.String({ minLength: 1 }), Type.Null()], {
          default: 'data/twin-state.json',
          description:
            'where the twin is saved periodically and at shutdown, to survive a restart (null: never)',
        }),
        saveEveryS: Type.Number({ exclusiveMinimum: 0, default: 30 }),
      },
      { additionalProperties: false, default: {} },
    ),
    viewer: Type.Object(
      { dir: Type.String({ minLength: 1, default: 'dist/viewer' }) },
      { additionalProperties: false, default: {} },
    ),
    log: Type.Object(
      {
        level: Type.Union(
          ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
          { default: 'info' },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
);
export type ServiceConfig = Static<typeof ServiceConfig>;

/** TWIN_* environment variables and the config key each sets; any other TWIN_* variable is an error. */
const ENV_KEYS: Record<string, { path: string[]; kind: 'string' | 'number' | 'boolean' | 'tokens' }> = {
  TWIN_HTTP_HOST: { path: ['http', 'host'], kind: 'string' },
  TWIN_HTTP_PORT: { path: ['http', 'port'], kind: 'number' },
  TWIN_TOKENS: { path: ['auth', 'tokens'], kind: 'tokens' },
  TWIN_PLANT_EMBEDDED: { path: ['plant', 'embedded'], kind: 'boolean' },
  TWIN_PLANT_SCENARIO: { path: ['plant', 'options', 'scenario'], kind: 'string' },
  TWIN_PLANT_SPEED: { path: ['plant', 'options', 'speed'], kind: 'number' },
  TWIN_PLANT_OPCUA_PORT: { path: ['plant', 'options', 'opcua', 'port'], kind: 'number' },
  TWIN_LOG_LEVEL: { path: ['log', 'level'], kind: 'string' },
  TWIN_WORKERS: { path: ['limits', 'workers'], kind: 'number' },
  TWIN_STATE_FILE: { path: ['state', 'file'], kind: 'string' },
};
/** Variables that are not configuration keys. */
const ENV_OTHER = new Set(['TWIN_CONFIG']);

function envValue(name: string, raw: string, kind: (typeof ENV_KEYS)[string]['kind']): unknown {
  switch (kind) {
    case 'string':
      return raw;
    case 'number': {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n))
        throw new TwinError('TWIN_E_CONFIG', `${name}: "${raw}" is not a number`);
      return n;
    }
    case 'boolean':
      if (raw !== 'true' && raw !== 'false')
        throw new TwinError('TWIN_E_CONFIG', `${name}: use true or false`);
      return raw === 'true';
    case 'tokens':
      // role:token,role:token
      return raw
        .split(',')
        .filter(Boolean)
        .map((entry) => {
          const i = entry.indexOf(':');
          if (i <= 0) throw new TwinError('TWIN_E_CONFIG', `${name}: expected role:token[,role:token…]`);
          return { role: entry.slice(0, i), token: entry.slice(i + 1) };
        });
  }
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
}

/** The configuration from a document (already parsed) and the environment, validated, defaults filled in. */
export function resolveConfig(doc: unknown, env: NodeJS.ProcessEnv): Readonly<ServiceConfig> {
  const merged = structuredClone(doc ?? {}) as Record<string, unknown>;
  if (typeof merged !== 'object' || Array.isArray(merged)) {
    throw new TwinError('TWIN_E_CONFIG', 'the configuration must be a mapping of keys');
  }
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith('TWIN_') || ENV_OTHER.has(name) || raw === undefined) continue;
    const key = ENV_KEYS[name];
    if (!key) {
      throw new TwinError(
        'TWIN_E_CONFIG',
        `unknown environment variable ${name} (known: ${[...Object.keys(ENV_KEYS), ...ENV_OTHER].join(', ')})`,
      );
    }
    setPath(merged, key.path, envValue(name, raw, key.kind));
  }
  try {
    return deepFreeze(withDataDirDefaults(parseConfig(ServiceConfig, merged, 'configuration')));
  } catch (err) {
    if (err instanceof TwinError) throw new TwinError('TWIN_E_CONFIG', err.message, err.details);
    throw err;
  }
}

/** Defaults that depend on other keys: the history writer's spill folder goes in the data directory. */
function withDataDirDefaults(config: ServiceConfig): ServiceConfig {
  const write = config.history.influxWrite;
  if (!write) return config;
  const dataDir = config.state.file === null ? undefined : dirname(config.state.file);
  return { ...config, history: { ...config.history, influxWrite: withDefaultSpill(write, dataDir) } };
}

export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<Readonly<ServiceConfig>> {
  const file = env.TWIN_CONFIG;
  let doc: unknown = {};
  if (file) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new TwinError('TWIN_E_CONFIG', `TWIN_CONFIG=${file}: ${(err as Error).message}`);
    }
    try {
      doc = YAML.parse(text) ?? {};
    } catch (err) {
      throw new TwinError('TWIN_E_CONFIG', `${file}: ${(err as Error).message}`);
    }
  }
  return resolveConfig(doc, env);
}

const SECRET_KEYS = /^(token|password|key|secret|privateKey|keyFile)$/i;

/** The configuration as it may be printed: every secret replaced. */
export function redactConfig(config: unknown): unknown {
  if (Array.isArray(config)) return config.map(redactConfig);
  if (typeof config !== 'object' || config === null) return config;
  return Object.fromEntries(
    Object.entries(config).map(([k, v]) => [
      k,
      SECRET_KEYS.test(k) && typeof v === 'string' ? '***' : redactConfig(v),
    ]),
  );
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
