// A small JSON client of the service's HTTP API for end-to-end tests: every call is bounded by a timeout.

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface ApiCall {
  method?: 'GET' | 'POST' | 'DELETE';
  token?: string;
  /** Sent as JSON; without it no body and no content-type (fastify refuses an empty JSON body). */
  body?: unknown;
  timeoutMs?: number;
}

export function apiClient(baseUrl: string) {
  return async function api<T = Record<string, unknown>>(path: string, call: ApiCall = {}) {
    const headers: Record<string, string> = {};
    if (call.token) headers.authorization = `Bearer ${call.token}`;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    const timeoutMs = call.timeoutMs ?? 10_000;
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method: call.method ?? 'GET',
        headers,
        ...(call.body !== undefined && { body: JSON.stringify(call.body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new Error(`${call.method ?? 'GET'} ${path}: no answer within ${timeoutMs} ms (${String(err)})`);
    }
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    const body = (type.includes('json') ? JSON.parse(text) : text) as T;
    return { status: response.status, headers: response.headers, body } satisfies ApiResponse<T>;
  };
}
