/** An error answer of the service: its code (TWIN_E_…), message and HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ApiClient {
  readonly token: string | undefined;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  del<T>(path: string): Promise<T>;
  /** The stream's URL (WebSocket), resuming after `since` when given. */
  streamUrl(since?: number): string;
}

/**
 * Calls the service the page came from with the bearer token. The token comes from `?token=` in the URL
 * (what `npm start` prints) and is kept for the tab, then removed from the address bar so it is not shared.
 */
export function createApiClient(base: URL, storage?: Storage): ApiClient {
  const fromUrl = base.searchParams.get('token') ?? undefined;
  if (fromUrl) storage?.setItem('twin.token', fromUrl);
  const token = fromUrl ?? storage?.getItem('twin.token') ?? undefined;
  const origin = `${base.protocol}//${base.host}`;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${origin}${path}`, {
      method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      // e.g. a proxy's HTML error page: say what came instead of a bare SyntaxError
      const what = `${method} ${path}: the answer (HTTP ${res.status}) is not JSON`;
      throw new ApiError(res.status, `HTTP_${res.status}`, what);
    }
    if (!res.ok) {
      const e = (json ?? {}) as { code?: string; message?: string };
      throw new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? res.statusText);
    }
    return json as T;
  }

  return {
    token,
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
    del: (path) => call('DELETE', path),
    streamUrl(since) {
      const ws = base.protocol === 'https:' ? 'wss:' : 'ws:';
      const query = new URLSearchParams();
      if (token) query.set('token', token);
      if (since !== undefined) query.set('since', String(since));
      const q = query.toString();
      return `${ws}//${base.host}/api/stream${q ? `?${q}` : ''}`;
    },
  };
}
