import { TwinError } from '../../twin/errors.js';
import { diffPlans, type PlanDiff } from '../../twin/plan-diff.js';
import { advancePlan } from '../../twin/plan-lifecycle.js';
import type { Plan } from '../../twin/schema/plan.js';
import type { MachineDispatchState } from '../dispatch/dispatcher.js';
import type { PlanDispatcher, PlanValidation, PlanValidator } from './contracts.js';

/** Plan versions kept by default (the active and the latest ones are never evicted). */
export const DEFAULT_MAX_PLANS = 50;

export interface PlanRecord {
  plan: Readonly<Plan>;
  kpis: Record<string, number>;
  validation?: PlanValidation;
  dispatch?: MachineDispatchState[];
  /** Who accepted it for dispatch: a planner (the API) or the automatic policy. */
  acceptedBy?: 'planner' | 'policy';
}

/** The newest plan version dispatched without a planner once validated; with `maxOrdersAtRisk`, only when its
 * risk analysis ran and puts no more orders than that at risk. */
export interface AutoDispatchPolicy {
  maxOrdersAtRisk?: number;
}

export interface PlanServiceOptions {
  maxPlans: number;
  validator: PlanValidator;
  dispatcher: PlanDispatcher;
  onEvent?: (type: 'plan' | 'dispatch', data: unknown) => void;
  /** Absent: a new plan stays a proposal until a planner dispatches it. */
  autoDispatch?: AutoDispatchPolicy;
  /** Told when an automatic dispatch fails (it runs after the validation that triggered it returned). */
  onAutoDispatchError?: (id: string, error: unknown) => void;
}

/** Orders the risk analysis puts at risk; Infinity when it did not run (nothing is known to be safe). */
function ordersAtRisk(validation: PlanValidation): number {
  const atRisk = (validation.risk as { atRisk?: unknown } | undefined)?.atRisk;
  return Array.isArray(atRisk) ? atRisk.length : Infinity;
}

/**
 * Plan versions and their life cycle: draft → validated (checker and risk) → dispatched → acknowledged (every
 * machine acknowledged). Bounded: the oldest plans that are neither active nor the latest go first.
 */
export class PlanService {
  private readonly records = new Map<string, PlanRecord>();
  private activeId: string | undefined;
  private latestId: string | undefined;

  constructor(private readonly options: PlanServiceOptions) {}

  get active(): PlanRecord | undefined {
    return this.activeId === undefined ? undefined : this.records.get(this.activeId);
  }

  /** The newest plan version: the parent of the next reschedule. */
  get latest(): PlanRecord | undefined {
    return this.latestId === undefined ? undefined : this.records.get(this.latestId);
  }

  add(plan: Readonly<Plan>, kpis: Record<string, number>): PlanRecord {
    const record: PlanRecord = { plan, kpis };
    this.records.set(plan.id, record);
    this.latestId = plan.id;
    this.evict();
    this.options.onEvent?.('plan', this.summary(record));
    return record;
  }

  get(id: string): PlanRecord {
    const record = this.records.get(id);
    if (!record) throw new TwinError('TWIN_E_NOT_FOUND', `no plan "${id}"`, { plan: id });
    return record;
  }

  list(): PlanRecord[] {
    return [...this.records.values()];
  }

  diff(id: string, againstId?: string): PlanDiff {
    const record = this.get(id);
    const other = againstId ?? record.plan.parent;
    if (other === undefined) {
      throw new TwinError('TWIN_E_NOT_FOUND', `plan "${id}" has no parent to compare with: give ?against=`);
    }
    return diffPlans(this.get(other).plan, record.plan);
  }

  async validate(id: string): Promise<PlanRecord> {
    const record = this.get(id);
    if (record.plan.status !== 'draft') return record;
    const validation = await this.options.validator.validate(record.plan);
    record.validation = validation;
    if (validation.ok) record.plan = advancePlan(record.plan, 'validated');
    this.options.onEvent?.('plan', this.summary(record));
    const policy = this.options.autoDispatch;
    // Only the newest version: an older one validated late must not replace what a newer plan set out.
    const allowed =
      policy?.maxOrdersAtRisk === undefined || ordersAtRisk(validation) <= policy.maxOrdersAtRisk;
    if (validation.ok && policy && allowed && id === this.latestId) {
      // Not awaited: acknowledgements may take the dispatch timeout; the stream reports them.
      this.dispatch(id, 'policy').catch((e: unknown) => this.options.onAutoDispatchError?.(id, e));
    }
    return record;
  }

  async dispatch(id: string, acceptedBy: PlanRecord['acceptedBy'] = 'planner'): Promise<PlanRecord> {
    const record = this.get(id);
    if (record.plan.status === 'dispatched' || record.plan.status === 'acknowledged') return record;
    if (record.plan.status !== 'validated') {
      throw new TwinError(
        'TWIN_E_CONFLICT',
        `plan ${id} is ${record.plan.status}: only a validated plan can be dispatched (POST /api/plans/${id}/validate first)`,
        { plan: id, status: record.plan.status },
      );
    }
    const validated = record.plan;
    const previousActive = this.activeId;
    record.plan = advancePlan(validated, 'dispatched');
    record.acceptedBy = acceptedBy;
    this.activeId = id;
    let statuses: MachineDispatchState[];
    try {
      statuses = await this.options.dispatcher.dispatch(record.plan, (status) => {
        record.dispatch = upsert(record.dispatch ?? [], status);
        this.options.onEvent?.('dispatch', { plan: id, ...status });
      });
    } catch (error) {
      // The dispatch did not happen: the plan is validated again (it may be dispatched again, receivers take a
      // job order twice without a second effect) and the plan in force is the one before.
      record.plan = validated;
      delete record.acceptedBy;
      if (this.activeId === id) this.activeId = previousActive;
      this.options.onEvent?.('plan', this.summary(record));
      throw error;
    }
    record.dispatch = statuses;
    if (statuses.length > 0 && statuses.every((s) => s.status === 'acknowledged')) {
      record.plan = advancePlan(record.plan, 'acknowledged');
    }
    this.options.onEvent?.('plan', this.summary(record));
    return record;
  }

  summary(record: PlanRecord): Record<string, unknown> {
    const { plan } = record;
    return {
      id: plan.id,
      version: plan.version,
      ...(plan.parent !== undefined && { parent: plan.parent }),
      status: plan.status,
      trigger: plan.trigger,
      createdAtMs: plan.createdAtMs,
      operations: plan.assignments.length,
      frozen: plan.frozen.length,
      kpis: record.kpis,
      active: plan.id === this.activeId,
      ...(record.acceptedBy && { acceptedBy: record.acceptedBy }),
    };
  }

  private evict(): void {
    for (const id of this.records.keys()) {
      if (this.records.size <= this.options.maxPlans) return;
      if (id !== this.activeId && id !== this.latestId) this.records.delete(id);
    }
  }
}

function upsert(list: MachineDispatchState[], status: MachineDispatchState): MachineDispatchState[] {
  const out = list.filter((s) => s.machine !== status.machine);
  out.push(status);
  return out;
}
