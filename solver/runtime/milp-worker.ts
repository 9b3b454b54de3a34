// The MILP worker thread: solves one model at a time with glpk.js or HiGHS (milp-backends.ts) and posts the
// result. A solve blocks the thread; the caller stops it by terminating the thread. Requests are validated on
// arrival; a bad one is answered with a `failed` message naming the field.
import { parentPort, workerData } from 'node:worker_threads';
import { solveRequest } from './milp-backends.js';
import { MILP_WORKER_MARK, parseMilpRequest, type MilpReply } from './milp-protocol.js';

export async function handleMilpMessage(message: unknown): Promise<MilpReply> {
  const parsed = parseMilpRequest(message);
  const id = (message as { id?: unknown } | null)?.id;
  if (!parsed.ok) {
    return {
      type: 'failed',
      id: Number.isInteger(id) && (id as number) >= 0 ? (id as number) : -1,
      error: { code: 'TWIN_E_SCHEMA', message: `bad message to the MILP worker: ${parsed.error}` },
    };
  }
  const request = parsed.message;
  try {
    const outcome = await solveRequest(request);
    return { type: 'solved', id: request.id, backend: request.backend, ...outcome };
  } catch (e) {
    return {
      type: 'failed',
      id: request.id,
      error: { code: 'TWIN_E_INTERNAL', message: `MILP worker: ${(e as Error).message}` },
    };
  }
}

if (parentPort !== null && (workerData as { mark?: unknown } | null)?.mark === MILP_WORKER_MARK) {
  const port = parentPort;
  let queue = Promise.resolve();
  port.on('message', (message: unknown) => {
    queue = queue.then(async () => port.postMessage(await handleMilpMessage(message)));
  });
}
