import { useMemo } from 'react';
import type { ShopFloorState } from '../api/types.js';
import { formatDateTime, formatNumber, formatPercent, formatTime, localeTag } from '../i18n/translate.js';
import { useTranslate } from '../i18n/use-translate.js';
import { useSlice } from '../store/context.js';

/** `t` and the locale's formatters, dates in the plant's time zone; em dash for a missing value. */
export function useFormat() {
  const t = useTranslate();
  const locale = useSlice((s) => s.locale);
  const timeZone = useSlice((s) => s.layout?.site.timezone);
  return useMemo(() => {
    const none = t('common.none');
    // Day and time without the year or seconds: plan tables in a narrow panel.
    const dayTime = new Intl.DateTimeFormat(localeTag(locale), {
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      ...(timeZone && { timeZone }),
    });
    const missing = (v: number | undefined): v is undefined => v === undefined || !Number.isFinite(v);
    return {
      t,
      locale,
      number: (v: number | undefined, digits = 1) => (missing(v) ? none : formatNumber(locale, v, digits)),
      percent: (v: number | undefined, digits = 1) => (missing(v) ? none : formatPercent(locale, v, digits)),
      time: (ms: number | undefined) => (missing(ms) ? none : formatTime(locale, ms, timeZone)),
      dayTime: (ms: number | undefined) => (missing(ms) ? none : dayTime.format(ms)),
      dateTime: (ms: number | undefined) => (missing(ms) ? none : formatDateTime(locale, ms, timeZone)),
      duration: (ms: number) => {
        const minutes = Math.max(0, Math.round(ms / 60_000));
        const h = Math.floor(minutes / 60);
        const m = minutes % 60;
        return h > 0 ? t('panels.duration.hm', { h, m }) : t('panels.duration.m', { m });
      },
      state: (state: ShopFloorState) => t(`state.${state}`),
    };
  }, [t, locale, timeZone]);
}

export type Format = ReturnType<typeof useFormat>;
