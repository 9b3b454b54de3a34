import { describe, expect, it } from 'vitest';
import type { Observation } from '../../twin/schema/observation.js';
import { SHOP_FLOOR_STATES } from '../../twin/schema/machine-state.js';
import {
  escapeMeasurement,
  escapeTag,
  LineEncoder,
  stateCode,
  stateOfCode,
  storedTagValue,
} from './line-protocol.js';

const encoder = new LineEncoder({
  site: 'Plant 1',
  lineOf: (asset: string) => (asset.startsWith('M') ? 'L1' : undefined),
});

function line(partial: Partial<Observation>): string {
  const result = encoder.encode({
    source: 's',
    asset: 'M1',
    signal: 'spindleLoad',
    value: 0.5,
    quality: 'good',
    sourceTs: 1_700_000_000_123,
    ...partial,
  });
  if (!result.ok) throw new Error(result.reason);
  return result.line;
}

describe('line protocol', () => {
  it('writes numbers as the float field `value` in the signal family measurement, tags in key order', () => {
    expect(line({})).toBe(
      'machine_process,line=L1,machine=M1,quality=good,signal=spindleLoad,site=Plant\\ 1 value=0.5 1700000000123',
    );
    expect(line({ value: 42, signal: 'partCount', sourceTs: 5.9 })).toBe(
      'machine_counter,line=L1,machine=M1,quality=good,signal=partCount,site=Plant\\ 1 value=42 5',
    );
  });

  it('writes booleans as an integer field, strings as a state tag with a code, nulls as missing', () => {
    expect(line({ signal: 'doorOpen', value: true })).toContain('signal_doorOpen,');
    expect(line({ signal: 'doorOpen', value: true })).toMatch(/ bool=1i \d+$/);
    expect(line({ signal: 'doorOpen', value: false })).toMatch(/ bool=0i \d+$/);
    expect(line({ signal: 'state', value: 'down' })).toBe(
      `machine_state,line=L1,machine=M1,quality=good,signal=state,site=Plant\\ 1,state=down code=${SHOP_FLOOR_STATES.indexOf('down')}i 1700000000123`,
    );
    expect(line({ signal: 'order', value: '' })).toMatch(/signal=order,site=Plant\\ 1 code=-1i /);
    expect(line({ value: null, quality: 'bad' })).toMatch(/quality=bad,.* missing=1i \d+$/);
  });

  it('leaves out the line and site tags when there is none', () => {
    const result = new LineEncoder({ site: '', lineOf: () => undefined }).encode({
      source: 's',
      asset: 'B1',
      signal: 'temperature',
      value: 1,
      quality: 'uncertain',
      sourceTs: 1,
    });
    expect(result).toEqual({
      ok: true,
      line: 'machine_process,machine=B1,quality=uncertain,signal=temperature value=1 1',
    });
  });

  it('escapes commas, spaces and equals signs in tags and measurements', () => {
    expect(escapeTag('a b,c=d')).toBe('a\\ b\\,c\\=d');
    expect(escapeMeasurement('a b,c=d')).toBe('a\\ b\\,c=d');
    expect(escapeTag('plain-id_1.2:3')).toBe('plain-id_1.2:3');
    const written = line({ asset: 'M 1,x=y', signal: 'state', value: 'waiting for "parts", 2=two' });
    expect(written).toContain(',machine=M\\ 1\\,x\\=y,');
    expect(written).toContain(',state=waiting\\ for\\ "parts"\\,\\ 2\\=two code=-1i');
  });

  it('never lets a tag break the line or escape its separator', () => {
    expect(storedTagValue('a\nb\r\tc')).toBe('a\\nb\\r\\tc');
    expect(storedTagValue('ends with\\')).toBe('ends with\u29f5');
    expect(storedTagValue('a\\ b\\,c\\=d\\e')).toBe('a\u29f5 b\u29f5,c\u29f5=d\\e');
    const written = line({ asset: 'M\n1\\', signal: 'state', value: 'x\\' });
    expect(written.split('\n')).toHaveLength(1);
    expect(written).toContain('machine=M\\n1\u29f5,');
    expect(written).toContain('state=x\u29f5 code');
  });

  it('gives the same lines once its cache of series tags has filled and started again', () => {
    const fresh = new LineEncoder({ site: 'S', lineOf: () => 'L1' });
    const first = fresh.encode({
      source: 's',
      asset: 'A0',
      signal: 'power',
      value: 1,
      quality: 'good',
      sourceTs: 1,
    });
    for (let i = 1; i <= 10_001; i++)
      fresh.encode({ source: 's', asset: `A${i}`, signal: 'power', value: 1, quality: 'good', sourceTs: 1 });
    const again = fresh.encode({
      source: 's',
      asset: 'A0',
      signal: 'power',
      value: 1,
      quality: 'bad',
      sourceTs: 1,
    });
    expect(first).toEqual({
      ok: true,
      line: 'machine_energy,line=L1,machine=A0,quality=good,signal=power,site=S value=1 1',
    });
    expect(again).toEqual({
      ok: true,
      line: 'machine_energy,line=L1,machine=A0,quality=bad,signal=power,site=S value=1 1',
    });
  });

  it('refuses values and times that cannot be stored', () => {
    const base: Observation = {
      source: 's',
      asset: 'M1',
      signal: 'power',
      value: 1,
      quality: 'good',
      sourceTs: 1,
    };
    expect(encoder.encode({ ...base, value: Number.NaN })).toEqual({
      ok: false,
      reason: 'value NaN cannot be stored',
    });
    expect(encoder.encode({ ...base, value: Number.POSITIVE_INFINITY }).ok).toBe(false);
    expect(encoder.encode({ ...base, sourceTs: 1e300 }).ok).toBe(false);
  });

  it('codes enumerated states both ways and gives -1 to other strings', () => {
    expect(stateCode('itemState', 'Executing')).toBe(3);
    expect(stateCode('operationMode', 'Setup')).toBe(2);
    expect(stateCode('state', 'no such state')).toBe(-1);
    expect(stateCode('order', 'O-1')).toBe(-1);
    for (const state of SHOP_FLOOR_STATES)
      expect(stateOfCode('state', stateCode('state', state))).toBe(state);
    expect(stateOfCode('order', 0)).toBeUndefined();
  });
});
