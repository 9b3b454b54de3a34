import { readFileSync } from 'node:fs';
import type { IClientOptions, MqttClient } from 'mqtt';
import type { ReconnectBackoff } from '../ingest/reconnect.js';
import type { MqttTlsConfig } from './config.js';

/** What every MQTT connection of ours is configured with (ingest, dispatch, the embedded plant's publisher). */
export interface MqttClientSettings {
  clientId?: string | undefined;
  clean?: boolean | undefined;
  username?: string | undefined;
  password?: string | undefined;
  tls?: MqttTlsConfig | undefined;
}

/** mqtt.js options for a connection: MQTT 3.1.1, the client id and session, the user, TLS files read now. */
export function mqttClientOptions(settings: MqttClientSettings): IClientOptions {
  const { tls } = settings;
  return {
    clientId: settings.clientId,
    clean: settings.clean,
    protocolVersion: 4,
    username: settings.username,
    password: settings.password,
    ...(tls && {
      ca: tls.caFile ? readFileSync(tls.caFile) : undefined,
      cert: tls.certFile ? readFileSync(tls.certFile) : undefined,
      key: tls.keyFile ? readFileSync(tls.keyFile) : undefined,
      rejectUnauthorized: tls.rejectUnauthorized,
    }),
  };
}

/**
 * Exponential reconnect backoff for an mqtt.js client, which waits `reconnectPeriod` before each attempt: the
 * period doubles after each attempt up to `maxDelayMs` and is back to `initialDelayMs` on connect. Call it right
 * after `connect()`. Returns the wait before the next attempt.
 */
export function backOffReconnects(client: MqttClient, backoff: ReconnectBackoff): () => number {
  let delayMs = backoff.initialDelayMs;
  const set = (ms: number): void => {
    delayMs = ms;
    client.options.reconnectPeriod = ms;
  };
  set(delayMs);
  client.on('connect', () => set(backoff.initialDelayMs));
  client.on('reconnect', () => set(Math.min(delayMs * 2, backoff.maxDelayMs)));
  return () => delayMs;
}

/**
 * Close a client: gracefully (in-flight messages finished) when the broker answers within `graceMs`, else
 * forcibly, so that a shutdown never hangs on a broker that is away. With persistent sessions nothing is lost:
 * the broker redelivers what was not acknowledged.
 */
export async function endClient(client: MqttClient, graceMs = 2_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), graceMs);
  });
  try {
    if ((await Promise.race([client.endAsync(), late])) === 'late') await client.endAsync(true);
  } finally {
    clearTimeout(timer);
  }
}
