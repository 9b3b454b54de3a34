import { describe, expect, it } from 'vitest';
import { MESSAGES, type MessageKey } from './messages.js';
import { formatPercent, translate } from './translate.js';

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
  });
});
