// Standard normal CDF and its inverse, for inverse-transform sampling (one uniform per normal draw).

/**
 * Lower tail Φ(z) for z ≤ 0 (Hart 1968, as given by West 2005): relative error below 1e-8 down to z = −37. It
 * only places truncation points, so that is far below any time resolution.
 */
function lowerTail(z: number): number {
  const a = -z;
  if (a > 37) return 0;
  const e = Math.exp(-0.5 * a * a);
  if (a >= 7.07106781186547) {
    const cf = a + 1 / (a + 2 / (a + 3 / (a + 4 / (a + 0.65))));
    return e / cf / 2.506628274631;
  }
  let num = 3.52624965998911e-2 * a + 0.700383064443688;
  num = num * a + 6.37396220353165;
  num = num * a + 33.912866078383;
  num = num * a + 112.079291497871;
  num = num * a + 221.213596169931;
  num = num * a + 220.206867912376;
  let den = 8.83883476483184e-2 * a + 1.75566716318264;
  den = den * a + 16.064177579207;
  den = den * a + 86.7807322029461;
  den = den * a + 296.564248779674;
  den = den * a + 637.333633378831;
  den = den * a + 793.826512519948;
  den = den * a + 440.413735824752;
  return (e * num) / den;
}

/** Φ(z); each tail is computed directly so that small tail probabilities keep their precision. */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return z <= 0 ? lowerTail(z) : 1 - lowerTail(-z);
}

/** Upper tail 1 − Φ(z), precise for large z. */
export function normalSf(z: number): number {
  return normalCdf(-z);
}

// AS241 coefficients, highest degree first (CPython's statistics module lists the same, to 20 digits).
const CENTRAL_NUM = [
  2509.0809287301227, 33430.57558358813, 67265.7709270087, 45921.95393154987, 13731.69376550946,
  1971.5909503065513, 133.14166789178438, 3.3871328727963665,
];
const CENTRAL_DEN = [
  5226.495278852854, 28729.085735721943, 39307.89580009271, 21213.794301586597, 5394.196021424751,
  687.1870074920579, 42.31333070160091, 1,
];
const NEAR_NUM = [
  0.0007745450142783414, 0.022723844989269184, 0.2417807251774506, 1.2704582524523684, 3.6478483247632045,
  5.769497221460691, 4.630337846156546, 1.4234371107496835,
];
const NEAR_DEN = [
  1.0507500716444169e-9, 0.0005475938084995345, 0.015198666563616457, 0.14810397642748008, 0.6897673349851,
  1.6763848301838038, 2.053191626637759, 1,
];
const FAR_NUM = [
  2.0103343992922881e-7, 2.7115555687434876e-5, 0.0012426609473880784, 0.026532189526576124,
  0.29656057182850487, 1.7848265399172913, 5.463784911164114, 6.657904643501103,
];
const FAR_DEN = [
  2.0442631033899397e-15, 1.421511758316446e-7, 1.8463183175100548e-5, 0.0007868691311456133,
  0.014875361290850615, 0.1369298809227358, 0.599832206555888, 1,
];

/** Horner's rule in the same order as the reference code, so results match it to the bit. */
function poly(c: readonly number[], x: number): number {
  let acc = c[0]!;
  for (let i = 1; i < c.length; i++) acc = acc * x + c[i]!;
  return acc;
}

/** Φ⁻¹(p): Wichura's AS241 (PPND16), relative error about 1e-16; the same code as CPython's NormalDist. */
export function normalInv(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (poly(CENTRAL_NUM, r) * q) / poly(CENTRAL_DEN, r);
  }
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const x =
    r <= 5 ? poly(NEAR_NUM, r - 1.6) / poly(NEAR_DEN, r - 1.6) : poly(FAR_NUM, r - 5) / poly(FAR_DEN, r - 5);
  return q < 0 ? -x : x;
}
