// The MQTT side of the job order contract as a test fixture: answers `<prefix>/<machine>/joborder` with a
// JobOrderAck on `<prefix>/<machine>/joborder/ack`.
import { connectAsync, type MqttClient } from 'mqtt';
import { JOB_ORDER_RETURN_STATUS, type JobOrderAck } from '../job-order.js';
import { JobOrderReceiver, type ReceiverBehaviour } from './job-order-receiver.js';

export interface MqttResponder {
  receiver: JobOrderReceiver;
  /** Job order messages seen (resends included). */
  messages: number;
  stop(): Promise<void>;
}

export async function startMqttResponder(
  url: string,
  prefix: string,
  machines: readonly string[],
  behaviour: ReceiverBehaviour & { silent?: readonly string[] } = {},
): Promise<MqttResponder> {
  const receiver = new JobOrderReceiver(machines, behaviour);
  const client: MqttClient = await connectAsync(url, { reconnectPeriod: 0, protocolVersion: 4 });
  const responder: MqttResponder = { receiver, messages: 0, stop: () => client.endAsync(true) };
  client.on('message', (topic, payload) => {
    const machine = topic.slice(prefix.length + 1, -'/joborder'.length);
    responder.messages++;
    if (behaviour.silent?.includes(machine)) return;
    const raw = payload.toString('utf8');
    const status = receiver.receive(machine, raw, true);
    let jobOrderId = '?';
    try {
      jobOrderId = String((JSON.parse(raw) as { jobOrderId?: unknown }).jobOrderId ?? '?');
    } catch {
      // answered with the placeholder id
    }
    const ack: JobOrderAck = {
      jobOrderId,
      status: status === JOB_ORDER_RETURN_STATUS.ok ? 'accepted' : 'rejected',
      returnStatus: status,
    };
    void client.publishAsync(`${topic}/ack`, JSON.stringify(ack), { qos: 1 });
  });
  await client.subscribeAsync(`${prefix}/+/joborder`, { qos: 1 });
  return responder;
}
