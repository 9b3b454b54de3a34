import { useEffect, useState } from 'react';
import { useViewerContext } from '../store/context.js';
import { errorText } from './poll.js';

/** The ids a what-if edit may name, from the service's baseline scenario. */
export interface BaseIds {
  machines: string[];
  products: string[];
  calendars: string[];
  orders: string[];
}

interface ScenarioAnswer {
  scenario: {
    machines: { id: string }[];
    products: { id: string }[];
    calendars?: { id: string }[];
    orders: { id: string }[];
  };
}

let cached: BaseIds | undefined;

/** Fetched once per page: the baseline only changes when the service restarts with another model. */
export function useBaseScenario(): { base?: BaseIds; error?: string } {
  const { api } = useViewerContext();
  const [base, setBase] = useState(cached);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (cached) return;
    let live = true;
    api.get<ScenarioAnswer>('/api/scenarios/baseline').then(
      ({ scenario: s }) => {
        cached = {
          machines: s.machines.map((m) => m.id),
          products: s.products.map((p) => p.id),
          calendars: (s.calendars ?? []).map((c) => c.id),
          orders: s.orders.map((o) => o.id),
        };
        if (live) setBase(cached);
      },
      (e: unknown) => {
        if (live) setError(errorText(e));
      },
    );
    return () => {
      live = false;
    };
  }, [api]);
  return { ...(base && { base }), ...(error !== undefined && { error }) };
}
