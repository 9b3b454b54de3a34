// A long-lived worker of the parallel search: it holds one ShopSearch and advances it epoch by epoch on the
// coordinator's command (solve-shop.ts). Messages are validated on arrival; a bad one is answered with a
// `failed` message naming the field, never a crash.
import { parentPort, workerData } from 'node:worker_threads';
import { createShopSearch, type ShopSearch } from '../heuristics/search.js';
import { compileShop, type CompiledShop } from '../shop/compiled.js';
import { solutionShapeError } from '../shop/solution.js';
import { parseScheduleCommand, SCHEDULE_WORKER_MARK } from './schedule-protocol.js';
import type { ScheduleCommand, ScheduleReply } from './schedule-protocol.js';

interface State {
  run: number;
  worker: number;
  shop: CompiledShop;
  search: ShopSearch;
  /** Best makespan the coordinator has been told about (or has sent): a solution is only sent when below. */
  reported: number;
}

/** The protocol state machine, apart from the thread so it can be driven in tests. */
export class ScheduleWorker {
  private state: State | undefined;

  handle(message: unknown): ScheduleReply | undefined {
    const parsed = parseScheduleCommand(message);
    if (!parsed.ok) return this.failed('TWIN_E_SCHEMA', `bad message to a schedule worker: ${parsed.error}`);
    try {
      return this.apply(parsed.message);
    } catch (e) {
      return this.failed('TWIN_E_INTERNAL', `schedule worker: ${(e as Error).message}`);
    }
  }

  private apply(command: ScheduleCommand): ScheduleReply | undefined {
    if (command.type === 'init') {
      const shop = compileShop(command.problem);
      const options =
        command.target === undefined
          ? { seed: command.seed }
          : { seed: command.seed, target: command.target };
      const search = createShopSearch(shop, options);
      this.state = { run: command.run, worker: command.worker, shop, search, reported: search.bestMakespan };
      return { type: 'ready', ...this.searchState(), solution: search.best() };
    }
    const state = this.state;
    if (state === undefined || state.run !== command.run) {
      return this.failed(
        'TWIN_E_INTERNAL',
        `schedule worker: "${command.type}" for run ${command.run}, which it does not hold`,
      );
    }
    if (command.type === 'adopt') {
      const shape = solutionShapeError(state.shop, command.solution);
      if (shape !== undefined)
        return this.failed('TWIN_E_SCHEMA', `schedule worker: cannot adopt the solution: ${shape}`);
      state.search.adopt(command.solution);
      // The coordinator sent it, so it knows it: no need to send it back.
      state.reported = Math.min(state.reported, state.search.bestMakespan);
      return undefined;
    }
    state.search.run(command.iterations);
    const improved = state.search.bestMakespan < state.reported;
    if (improved) state.reported = state.search.bestMakespan;
    return {
      type: 'epochDone',
      ...this.searchState(),
      ...(improved && { solution: state.search.best() }),
    };
  }

  private searchState() {
    const { run, worker, search } = this.state!;
    return {
      run,
      worker,
      bestMakespan: search.bestMakespan,
      iterations: search.iterations,
      stagnation: search.stagnation,
      finished: search.finished,
    };
  }

  private failed(code: string, message: string): ScheduleReply {
    return {
      type: 'failed',
      run: this.state?.run ?? -1,
      worker: this.state?.worker ?? -1,
      error: { code, message },
    };
  }
}

// The coordinator marks its threads, so importing this module elsewhere (tests, a pool) starts no listener.
if (parentPort !== null && (workerData as { mark?: unknown } | null)?.mark === SCHEDULE_WORKER_MARK) {
  const port = parentPort;
  const worker = new ScheduleWorker();
  port.on('message', (message: unknown) => {
    const reply = worker.handle(message);
    if (reply !== undefined) port.postMessage(reply);
  });
}
