// The automatic acceptance policy of PlanService: which validated plans it dispatches, and what becomes of a
// dispatch that fails with no planner waiting for the answer. The machines' side runs end to end in
// test/e2e/auto-dispatch.servers.test.ts; here the validator and dispatcher are the contracts' simplest kind.
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../twin/schema/plan.js';
import { testPlan } from '../dispatch/__fixtures__/plans.js';
import type { PlanDispatcher, PlanValidation } from './contracts.js';
import { PlanService, type AutoDispatchPolicy } from './plan-service.js';

const draft = (id: string): Plan => ({ ...testPlan([['O1', 'op1', 'M1', 0, 10]], id), status: 'draft' });

function service(policy: AutoDispatchPolicy | undefined, atRisk: string[], dispatcher: PlanDispatcher) {
  const errors: [string, unknown][] = [];
  const validation: PlanValidation = { ok: true, violations: [], risk: { atRisk } };
  const plans = new PlanService({
    maxPlans: 10,
    validator: { validate: async () => validation },
    dispatcher,
    ...(policy && { autoDispatch: policy }),
    onAutoDispatchError: (id, error) => errors.push([id, error]),
  });
  return { plans, errors };
}

const acknowledging: PlanDispatcher = {
  dispatch: async (plan) => [
    { machine: 'M1', jobOrderId: `${plan.id}/M1`, status: 'acknowledged', attempts: 1, updatedAtMs: 0 },
  ],
};

/** Resolves once `ok()` holds; the policy's dispatch runs after validate() returned. */
async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(ok()).toBe(true);
}

describe('PlanService: automatic dispatch', () => {
  it('dispatches a validated plan with no more orders at risk than allowed, recording the policy', async () => {
    const { plans } = service({ maxOrdersAtRisk: 1 }, ['O1'], acknowledging);
    plans.add(draft('P-auto'), {});
    await plans.validate('P-auto');
    await until(() => plans.get('P-auto').plan.status === 'acknowledged');
    expect(plans.get('P-auto').acceptedBy).toBe('policy');
    expect(plans.active?.plan.id).toBe('P-auto');
  });

  it('leaves a plan with too many orders at risk, or without a policy, to a planner', async () => {
    for (const [policy, atRisk] of [
      [{ maxOrdersAtRisk: 1 }, ['O1', 'O2']],
      [undefined, []],
    ] as const) {
      const { plans } = service(policy, [...atRisk], acknowledging);
      plans.add(draft('P-wait'), {});
      await plans.validate('P-wait');
      await new Promise((r) => setTimeout(r, 20));
      expect(plans.get('P-wait').plan.status).toBe('validated');
      expect(plans.get('P-wait').acceptedBy).toBeUndefined();
      expect((await plans.dispatch('P-wait')).acceptedBy).toBe('planner');
    }
  });

  it('dispatches no plan whose risk is unknown under a risk limit, and no version older than the newest', async () => {
    const noRisk: PlanValidation = { ok: true, violations: [] };
    const unknown = new PlanService({
      maxPlans: 10,
      validator: { validate: async () => noRisk },
      dispatcher: acknowledging,
      autoDispatch: { maxOrdersAtRisk: 5 },
    });
    unknown.add(draft('P-unknown'), {});
    await unknown.validate('P-unknown');
    await new Promise((r) => setTimeout(r, 20));
    expect(unknown.get('P-unknown').plan.status).toBe('validated');

    const { plans } = service({}, [], acknowledging);
    plans.add(draft('P-old'), {});
    plans.add(draft('P-new'), {});
    await plans.validate('P-old');
    await new Promise((r) => setTimeout(r, 20));
    expect(plans.get('P-old').plan.status).toBe('validated');
    await plans.validate('P-new');
    await until(() => plans.get('P-new').plan.status === 'acknowledged');
    expect(plans.active?.plan.id).toBe('P-new');
  });

  it('reports a dispatch that fails to onAutoDispatchError and leaves the plan validated, to dispatch again', async () => {
    const failing: PlanDispatcher = {
      dispatch: async () => {
        throw new Error('broker unreachable');
      },
    };
    const { plans, errors } = service({}, [], failing);
    plans.add(draft('P-fail'), {});
    await plans.validate('P-fail');
    await until(() => errors.length === 1);
    expect(errors[0]?.[0]).toBe('P-fail');
    expect((errors[0]?.[1] as Error).message).toBe('broker unreachable');
    const record = plans.get('P-fail');
    expect([record.plan.status, record.acceptedBy, plans.active]).toEqual([
      'validated',
      undefined,
      undefined,
    ]);
    await expect(plans.dispatch('P-fail')).rejects.toThrow('broker unreachable');
  });
});
