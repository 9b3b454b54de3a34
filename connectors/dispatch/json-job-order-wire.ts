import { checkSchema } from '../../twin/validate/schema-check.js';
import { JobOrderAck, type JobOrder } from './job-order.js';
import type { JobOrderWire, WireAnswer } from './job-order-wire.js';
import { outcomeOf, returnStatusName } from './transport.js';

/**
 * Job orders as JSON (QoS 1) on `<prefix>/<machine>/joborder`; the answer, a JobOrderAck, on
 * `<prefix>/<machine>/joborder/ack`.
 */
export function jsonJobOrderWire(prefix: string): JobOrderWire {
  return {
    filters: [`${prefix}/+/joborder/ack`],
    command: (order: JobOrder) => ({
      topic: `${prefix}/${order.machine}/joborder`,
      payload: JSON.stringify(order),
      qos: 1,
    }),
    answer(_topic, payload): WireAnswer {
      let ack: unknown;
      try {
        ack = JSON.parse(payload.toString('utf8'));
      } catch {
        return { ok: false, problem: 'not JSON' };
      }
      const checked = checkSchema(JobOrderAck, ack);
      if (!checked.ok)
        return {
          ok: false,
          problem: checked.issues.map((i) => `${i.path || 'ack'}: ${i.message}`).join('; '),
        };
      const valid = checked.value;
      return {
        ok: true,
        jobOrderId: valid.jobOrderId,
        outcome:
          valid.status === 'accepted'
            ? outcomeOf(0)
            : {
                status: 'rejected',
                returnStatus: valid.returnStatus,
                reason: valid.reason ?? returnStatusName(valid.returnStatus),
              },
      };
    },
  };
}
