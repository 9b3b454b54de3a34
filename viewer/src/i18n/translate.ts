import { MESSAGES, type Locale, type MessageKey } from './messages.js';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A message in a locale with `{name}` placeholders filled in; numbers formatted for the locale. */
export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const template = MESSAGES[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  });
}

const TAGS: Record<Locale, string> = { en: 'en-GB', zh: 'zh-CN' };

/** The BCP 47 tag for Intl formatting of a locale. */
export function localeTag(locale: Locale): string {
  return TAGS[locale];
}

// Intl formatters are slow to build (tens of µs) and these run on every render and tooltip: keep one per setting.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: Locale, digits: number, percent: boolean): Intl.NumberFormat {
  const key = `${locale}|${digits}|${percent}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(
      TAGS[locale],
      percent
        ? { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }
        : { maximumFractionDigits: digits },
    );
    numberFormats.set(key, f);
  }
  return f;
}

function dateFormat(locale: Locale, withDate: boolean, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${locale}|${withDate}|${timeZone ?? ''}`;
  let f = dateFormats.get(key);
  if (!f) {
    const fields: Intl.DateTimeFormatOptions = withDate
      ? { dateStyle: 'short', timeStyle: 'medium' }
      : { hour: '2-digit', minute: '2-digit' };
    f = new Intl.DateTimeFormat(TAGS[locale], { ...fields, ...(timeZone && { timeZone }) });
    dateFormats.set(key, f);
  }
  return f;
}

export function formatNumber(locale: Locale, value: number, digits = 1): string {
  return numberFormat(locale, digits, false).format(value);
}

export function formatPercent(locale: Locale, fraction: number, digits = 1): string {
  return numberFormat(locale, digits, true).format(fraction);
}

/** A date and time in the plant's time zone when known (the plant's clock, not the browser's). */
export function formatDateTime(locale: Locale, epochMs: number, timeZone?: string): string {
  return dateFormat(locale, true, timeZone).format(epochMs);
}

export function formatTime(locale: Locale, epochMs: number, timeZone?: string): string {
  return dateFormat(locale, false, timeZone).format(epochMs);
}
