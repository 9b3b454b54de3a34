import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/client.js';
import { useViewer, type ViewerStore } from './store.js';
import type { ViewerState } from './state.js';

export interface ViewerContextValue {
  store: ViewerStore;
  api: ApiClient;
}

export const ViewerContext = createContext<ViewerContextValue | undefined>(undefined);

export function useViewerContext(): ViewerContextValue {
  const value = useContext(ViewerContext);
  if (!value) throw new Error('useViewerContext outside <ViewerContext.Provider>');
  return value;
}

/** A slice of the store of the surrounding provider. */
export function useSlice<T>(selector: (state: ViewerState) => T): T {
  return useViewer(useViewerContext().store, selector);
}
