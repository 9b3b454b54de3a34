import { describe, expect, it } from 'vitest';
import { MESSAGES, type MessageKey } from './messages.js';
import { formatDateTime, formatNumber, formatPercent, formatTime, translate } from './translate.js';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('catalogues', () => {
  const keys = Object.keys(MESSAGES.en) as MessageKey[];

  it('translate every English string into Chinese, with the same placeholders', () => {
    expect(Object.keys(MESSAGES.zh).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(MESSAGES.zh[key].trim(), key).not.toBe('');
      expect(placeholders(MESSAGES.zh[key]), key).toEqual(placeholders(MESSAGES.en[key]));
    }
  });

  it('are really translated: Chinese strings with letters carry Chinese characters', () => {
    const untranslated = keys.filter(
      (k) => /[a-z]{3}/i.test(MESSAGES.en[k]) && MESSAGES.zh[k] === MESSAGES.en[k],
    );
    // Proper names and units may stay as they are; anything else is a missed translation.
    expect(untranslated.filter((k) => !/^[A-Z0-9 .\-/%()]+$/.test(MESSAGES.en[k]))).toEqual([]);
  });

  it('fill placeholders and format numbers per locale', () => {
    expect(translate('en', 'app.role', { role: 'planner' })).toBe('Role: planner');
    expect(translate('zh', 'app.role', { role: 'planner' })).toBe('角色：planner');
    expect(translate('en', 'common.error', { message: 'x' })).toBe('Error: x');
    expect(formatPercent('en', 0.725)).toBe('72.5%');
    expect(formatPercent('zh', 0.725)).toBe('72.5%');
    // Formatters are kept per setting: another digit count or zone must not reuse the wrong one.
    expect(formatPercent('en', 0.725, 0)).toBe('73%');
    expect(formatNumber('en', 1234.567)).toBe('1,234.6');
    expect(formatNumber('en', 1234.567, 0)).toBe('1,235');
    const at = Date.UTC(2026, 10, 23, 6, 30);
    expect(formatTime('en', at, 'Asia/Shanghai')).toBe('14:30');
    expect(formatTime('en', at, 'Europe/Berlin')).toBe('07:30');
    expect(formatDateTime('en', at, 'Asia/Shanghai')).toBe('23/11/2026, 14:30:00');
  });
});
