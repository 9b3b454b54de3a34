// The twin's MQTT ingest for tests on a test broker: started, subscribed, recording what its gate lets through.
import { withTimeout } from '../../../test/servers.js';
import { ObservationGate } from '../../ingest/observation-gate.js';
import { recordingLogger, recordingSink, type RecordingSink } from '../../ingest/__fixtures__/recorders.js';
import { parseMqttIngestConfig } from '../config.js';
import { MqttIngest } from '../mqtt-ingest.js';

export interface TestIngest {
  ingest: MqttIngest;
  gate: ObservationGate;
  sink: RecordingSink;
}

/** An MqttIngest of `config` (raw, parsed here) connected within 5 s; stop it with `ingest.stop()`. */
export async function startTestIngest(config: Record<string, unknown>): Promise<TestIngest> {
  const sink = recordingSink();
  const gate = new ObservationGate({ sink, logger: recordingLogger() });
  const ingest = new MqttIngest(parseMqttIngestConfig(config), { gate, logger: recordingLogger() });
  await withTimeout(ingest.start(), 5_000, 'ingest connect');
  // Its SUBACK, before the first message (a Sparkplug host must see the births).
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { ingest, gate, sink };
}
