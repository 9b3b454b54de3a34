import { describe, expect, it } from 'vitest';
import { Mt19937Stream } from './mt19937.js';

describe('Mt19937Stream', () => {
  it('meets the SPEC §1.1 check value over 1e6 draws of S(42000)', () => {
    const s = new Mt19937Stream(42000);
    const view = new DataView(new ArrayBuffer(8));
    let hi = 0;
    let lo = 0;
    let first = NaN;
    for (let i = 0; i < 1e6; i++) {
      const u = s.random();
      if (i === 0) first = u;
      view.setFloat64(0, u);
      hi ^= view.getUint32(0);
      lo ^= view.getUint32(4);
    }
    expect(first).toBe(0.4335141904473966);
    const hex = (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
    expect(hex).toBe('00d312ea632e5931');
  });

  // Values printed by CPython 3.11: random.Random(n).random() and .getrandbits(32), three of each.
  const cpython: [number, number[], number[]][] = [
    [0, [0.8444218515250481, 0.7579544029403025, 0.420571580830845], [3626764237, 1654615998, 3255389356]],
    [1, [0.13436424411240122, 0.8474337369372327, 0.763774618976614], [577090037, 2444712010, 3639700191]],
    [42, [0.6394267984578837, 0.025010755222666936, 0.27502931836911926], [2746317213, 478163327, 107420369]],
    [
      2 ** 32 - 1,
      [0.6353574441341173, 0.20319993954407756, 0.6073666030347188],
      [2728839433, 2661025012, 872737089],
    ],
    [
      2 ** 32,
      [0.11299430095636409, 0.41782886486292836, 0.0166763664992291],
      [485306839, 1508871100, 1794561286],
    ],
    [
      2 ** 32 + 5,
      [0.15727238718789782, 0.2824866316461999, 0.6044540318498407],
      [675479763, 2085189291, 1213270837],
    ],
    [
      2 ** 53 - 1,
      [0.09425040007102303, 0.22287455761867403, 0.19135148760372034],
      [404802386, 2407860725, 957238923],
    ],
    [-7, [0.32383276483316237, 0.15084917392450192, 0.6509344730398537], [1390851128, 4071050724, 647892279]],
  ];
  it.each(cpython)('matches CPython random.Random(%d)', (seed, randoms, words) => {
    const a = new Mt19937Stream(seed);
    expect([a.random(), a.random(), a.random()]).toEqual(randoms);
    const b = new Mt19937Stream(seed);
    expect([b.nextUint32(), b.nextUint32(), b.nextUint32()]).toEqual(words);
    expect(a.seed).toBe(seed);
  });

  it('matches CPython past the first re-twist (draw 1000 of random.Random(7))', () => {
    const s = new Mt19937Stream(7);
    let u = 0;
    for (let i = 0; i < 1000; i++) u = s.random();
    expect(u).toBe(0.37786262968738116);
  });

  it('rejects seeds that are not safe integers', () => {
    expect(() => new Mt19937Stream(1.5)).toThrow(RangeError);
    expect(() => new Mt19937Stream(2 ** 53)).toThrow(RangeError);
  });
});
