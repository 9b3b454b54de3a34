import { describe, expect, it } from 'vitest';
import { JobStore } from './job-store.js';

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 5));

describe('JobStore', () => {
  it('runs at most maxRunning jobs, queues the rest, and reports progress and results', async () => {
    let now = 0;
    const store = new JobStore<number, string>({ maxJobs: 10, maxRunning: 1, ttlMs: 1000, now: () => now });
    const gate = deferred<number>();
    const a = store.submit('x', async ({ report }) => {
      report('half');
      return gate.promise;
    });
    const b = store.submit('x', async () => 7);
    expect(a.status).toBe('running');
    expect(a.progress).toBe('half');
    expect(b.status).toBe('queued');
    gate.resolve(3);
    await tick();
    expect(store.get(a.id)).toMatchObject({ status: 'done', result: 3 });
    expect(store.get(b.id)).toMatchObject({ status: 'done', result: 7 });
    now = 5000;
    expect(store.get(a.id)).toBeUndefined();
  });

  it('stops a running job early: it keeps the result it returns; a queued one is cancelled', async () => {
    const store = new JobStore<string, never>({ maxJobs: 10, maxRunning: 1, ttlMs: 1000, now: () => 0 });
    const a = store.submit(
      'x',
      ({ signal }) => new Promise((r) => signal.addEventListener('abort', () => r('best so far'))),
    );
    const b = store.submit('x', async () => 'never');
    store.stop(b.id);
    store.stop(a.id);
    await tick();
    expect(store.get(a.id)).toMatchObject({ status: 'done', result: 'best so far', stopRequested: true });
    expect(store.get(b.id)?.status).toBe('cancelled');
  });

  it('is bounded: finished jobs are evicted first; when all are running, a new one is refused', async () => {
    const store = new JobStore<number, never>({ maxJobs: 2, maxRunning: 2, ttlMs: 1e9, now: () => 0 });
    const done = store.submit('x', async () => 1);
    await tick();
    const gate = deferred<number>();
    store.submit('x', () => gate.promise);
    store.submit('x', () => gate.promise);
    expect(store.get(done.id)).toBeUndefined();
    expect(() => store.submit('x', async () => 1)).toThrow(/too many jobs/);
    gate.resolve(0);
  });

  it('records a failure with its code', async () => {
    const store = new JobStore<number, never>({ maxJobs: 2, maxRunning: 1, ttlMs: 1e9, now: () => 0 });
    const job = store.submit('x', async () => {
      throw new Error('boom');
    });
    await tick();
    expect(store.get(job.id)).toMatchObject({
      status: 'failed',
      error: { code: 'TWIN_E_INTERNAL', message: 'boom' },
    });
  });
});
