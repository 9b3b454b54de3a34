import { describe, expect, it } from 'vitest';
import type { MachineKind } from '../../../twin/schema/layout.js';
import { MESSAGES } from './messages.js';
import { kindLabel, signalLabel } from './names.js';
import { translate, type Translate } from './translate.js';

const en: Translate = (key, params) => translate('en', key, params);
const zh: Translate = (key, params) => translate('zh', key, params);

describe('kindLabel and signalLabel', () => {
  it('translate the kinds and signals the twin knows', () => {
    const kind: MachineKind = 'cnc-lathe';
    expect(kindLabel(en, kind)).toBe('CNC lathe');
    expect(kindLabel(zh, kind)).toBe('数控车床');
    expect(signalLabel(en, 'spindleLoad')).toBe('Spindle load');
    expect(signalLabel(zh, 'spindleLoad')).toBe('主轴负载');
    expect(signalLabel(zh, 'power')).toBe('功率');
  });

  it('show an unknown name as it is, without throwing, whatever the name', () => {
    for (const name of ['vibrationRms', '', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(signalLabel(zh, name)).toBe(name);
      expect(kindLabel(zh, name)).toBe(name);
    }
    // A signal name that happens to be a kind (and the reverse) is not looked up in the other list.
    expect(signalLabel(zh, 'grinder')).toBe('grinder');
    expect(kindLabel(zh, 'power')).toBe('power');
  });

  it('have a Chinese label different from the English one for every name but acronyms', () => {
    const keys = Object.keys(MESSAGES.en).filter((k) => /^(kind|signal)\./.test(k));
    expect(keys.length).toBeGreaterThan(20);
    for (const key of keys as (keyof typeof MESSAGES.en)[])
      expect(MESSAGES.zh[key], key).toMatch(/[\u4e00-\u9fff]/);
  });
});
