import { useEffect, useRef, useState } from 'react';

export interface Polled<T> {
  data: T | undefined;
  error: Error | undefined;
  /** When the last answer came, ms since the epoch (browser clock). */
  updatedAtMs: number | undefined;
}

/**
 * Fetch now and every `everyMs` while mounted and `key` stays the same; a new key starts afresh (and an
 * answer for the old key arriving late is dropped). `key` undefined fetches nothing.
 */
export function usePolling<T>(
  key: string | undefined,
  fetcher: (key: string) => Promise<T>,
  everyMs: number,
): Polled<T> {
  const [state, setState] = useState<Polled<T> & { key?: string }>({
    data: undefined,
    error: undefined,
    updatedAtMs: undefined,
  });
  // The latest fetcher, so a poll uses fresh arguments (e.g. the current time) without restarting.
  const fetcherRef = useRef(fetcher);
  useEffect(() => {
    fetcherRef.current = fetcher;
  });
  useEffect(() => {
    if (key === undefined) return;
    let live = true;
    let busy = false; // a slow answer is not asked for again before it comes
    const load = (): void => {
      if (busy) return;
      busy = true;
      fetcherRef
        .current(key)
        .then(
          (data) => live && setState({ key, data, error: undefined, updatedAtMs: Date.now() }),
          (err: unknown) =>
            live &&
            setState((s) => ({
              ...s,
              key,
              error: err instanceof Error ? err : new Error(String(err)),
            })),
        )
        .finally(() => {
          busy = false;
        });
    };
    load();
    const timer = setInterval(load, everyMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [key, everyMs]);
  // Data of another key is stale: show nothing rather than the previous machine's data.
  return state.key === key ? state : { data: undefined, error: undefined, updatedAtMs: undefined };
}
