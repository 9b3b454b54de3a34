/** Poll `fetchOnce` every `intervalMs` until it returns true (finished) or the returned stop is called. */
export function poll(fetchOnce: () => Promise<boolean>, intervalMs: number, onError: (e: unknown) => void) {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = (): void => {
    fetchOnce().then(
      (finished) => {
        if (!stopped && !finished) timer = setTimeout(tick, intervalMs);
      },
      (e: unknown) => {
        if (!stopped) onError(e);
      },
    );
  };
  tick();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

export const TERMINAL = new Set(['done', 'failed', 'cancelled']);

/** The service's error message (it names the field and the reason), or the error's own. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
