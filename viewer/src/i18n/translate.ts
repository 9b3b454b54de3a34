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

export function formatNumber(locale: Locale, value: number, digits = 1): string {
  return new Intl.NumberFormat(TAGS[locale], { maximumFractionDigits: digits }).format(value);
}

export function formatPercent(locale: Locale, fraction: number, digits = 1): string {
  return new Intl.NumberFormat(TAGS[locale], {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(fraction);
}

/** A date and time in the plant's time zone when known (the plant's clock, not the browser's). */
export function formatDateTime(locale: Locale, epochMs: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(TAGS[locale], {
    dateStyle: 'short',
    timeStyle: 'medium',
    ...(timeZone && { timeZone }),
  }).format(epochMs);
}

export function formatTime(locale: Locale, epochMs: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(TAGS[locale], {
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone && { timeZone }),
  }).format(epochMs);
}
