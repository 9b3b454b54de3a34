import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StreamMessage } from '../api/types.js';
import type { Locale } from '../i18n/messages.js';
import { applyMessage } from './reducers.js';
import { initialState, type ViewerState } from './state.js';

export type ViewerStore = StoreApi<ViewerState>;

/**
 * The viewer's one store, framework-free (the 3D scene reads it with `getState()` and `subscribe()` outside
 * React; components use `useViewer`). Stream messages go through the pure reducers of reducers.ts.
 */
export function createViewerStore(locale: Locale = 'en'): ViewerStore {
  return createStore<ViewerState>(() => initialState(locale));
}

/** Apply a batch of stream messages as one update (one render for a burst of frames). */
export function dispatchMessages(store: ViewerStore, messages: readonly StreamMessage[]): void {
  if (messages.length === 0) return;
  let state = store.getState();
  for (const m of messages) state = { ...state, ...applyMessage(state, m) };
  store.setState(state, true);
}

/** A React hook on a store slice; pick small slices (or use `useShallow`) so components render only on change. */
export function useViewer<T>(store: ViewerStore, selector: (state: ViewerState) => T): T {
  return useStore(store, selector);
}
