import { useCallback } from 'react';
import { useSlice } from '../store/context.js';
import type { MessageKey } from './messages.js';
import { translate, type Translate } from './translate.js';

/** `t(key, params)` in the store's locale; components re-render when the language changes. */
export function useTranslate(): Translate {
  const locale = useSlice((s) => s.locale);
  return useCallback(
    (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params),
    [locale],
  );
}
