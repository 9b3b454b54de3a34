// Student-t quantiles for confidence intervals (replications, batch means, Welch comparisons).
// Hill's algorithm 396 gives a start; Newton on the exact upper tail (regularized incomplete beta) then
// polishes it to near machine precision (within 1e-12 relative of 40-digit values over df 0.3..1e9 and
// p 1e-12..1 − 1e-9 when written), for any real df > 0.
// Very large df use the Cornish–Fisher expansion about the normal quantile (error O(df⁻⁵)), which avoids
// the cancellation in ln Γ(df/2) differences there.

const EPS = 1e-15;
const TINY = 1e-300;
const MAX_ITER = 10_000;
/** Above this df the expansion is used: its next term is below 1e-18 for |z| < 8. */
const LARGE_DF = 1e5;

/** ln Γ(x) for x > 0: Lanczos (g = 7, 9 terms), about 1e-15 relative; reflection below 1/2. */
function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  const z = x - 1;
  let a = 0.99999999999980993;
  a += 676.5203681218851 / (z + 1);
  a += -1259.1392167224028 / (z + 2);
  a += 771.32342877765313 / (z + 3);
  a += -176.61502916214059 / (z + 4);
  a += 12.507343278686905 / (z + 5);
  a += -0.13857109526572012 / (z + 6);
  a += 9.9843695780195716e-6 / (z + 7);
  a += 1.5056327351493116e-7 / (z + 8);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Stirling remainder δ(x) = ln Γ(x) − (x − ½) ln x + x − ½ ln 2π, for x ≥ 15 (error < 1e-17). */
function stirlingRemainder(x: number): number {
  const r = 1 / (x * x);
  return (1 / 12 - r * (1 / 360 - r * (1 / 1260 - r * (1 / 1680 - r * (1 / 1188 - (r * 691) / 360360))))) / x;
}

/**
 * ln Γ(a + b) − ln Γ(a). For large a the two ln Γ values are huge and nearly equal, so their difference
 * would lose digits (1e-10 at df = 1e5); Stirling's form keeps every term small instead.
 */
function lnGammaRatio(a: number, b: number): number {
  if (a < 15) return lnGamma(a + b) - lnGamma(a);
  return (
    (a + b - 0.5) * Math.log1p(b / a) + b * Math.log(a) - b + stirlingRemainder(a + b) - stirlingRemainder(a)
  );
}

/** Continued fraction of the incomplete beta (modified Lentz), valid for x < (a+1)/(a+b+2). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  let c = 1;
  let d = 1 - (qab * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/**
 * Regularized incomplete beta I_x(a, b). The caller passes y = 1 − x and ln x, ln y computed from its own
 * parameters, so none of them loses digits near 0 or 1 (a·ln x is large when a is).
 */
function betaRegularized(a: number, b: number, x: number, y: number, lnX: number, lnY: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const front = Math.exp(lnGammaRatio(a, b) - lnGamma(b) + a * lnX + b * lnY);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, y)) / b;
}

/** Regularized upper incomplete gamma Q(a, x): series below a + 1, continued fraction above. */
function gammaUpper(a: number, x: number): number {
  if (x <= 0) return 1;
  const front = a * Math.log(x) - x - lnGamma(a);
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 0; n < MAX_ITER && Math.abs(del) > Math.abs(sum) * EPS; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
    }
    return 1 - sum * Math.exp(front);
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(front) * h;
}

/** P(Z > z) for z ≥ 0, computed directly (no 1 − Φ cancellation): erfc(z/√2)/2 = Q(1/2, z²/2)/2. */
function normalUpperTail(z: number): number {
  return 0.5 * gammaUpper(0.5, 0.5 * z * z);
}

function normalDensity(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** P(T > t) for t ≥ 0 and df degrees of freedom: I_x(df/2, 1/2)/2 with x = df/(df + t²). */
function tUpperTail(t: number, df: number): number {
  const r = (t * t) / df;
  const lnX = -Math.log1p(r); // x = 1/(1 + r)
  return 0.5 * betaRegularized(df / 2, 0.5, 1 / (1 + r), 1 / (1 + 1 / r), lnX, Math.log(r) + lnX);
}

function tDensity(t: number, df: number): number {
  const lnC = lnGammaRatio(df / 2, 0.5) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(lnC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * Root x > 0 of upperTail(x) = q for a decreasing, convex upper tail (any symmetric unimodal law):
 * Newton from `guess`, kept inside a bracket and falling back to bisection, so a poor start only costs steps.
 */
function solveUpperTail(
  q: number,
  guess: number,
  upperTail: (x: number) => number,
  density: (x: number) => number,
): number {
  let lo = 0;
  let hi = Infinity;
  let x = guess > 0 && Number.isFinite(guess) ? guess : 1;
  for (let i = 0; i < 200; i++) {
    const f = upperTail(x) - q;
    if (f === 0) return x;
    if (f > 0) lo = x;
    else hi = x;
    let next = x + f / density(x);
    if (!(next > lo && next < hi)) next = Number.isFinite(hi) ? (lo + hi) / 2 : 2 * x;
    if (Math.abs(next - x) <= 4e-16 * x) return next;
    x = next;
  }
  return x;
}

/** Initial quantile of the standard normal, Abramowitz & Stegun 26.2.23 (|error| < 4.5e-4), for q ≤ 1/2. */
function normalUpperStart(q: number): number {
  const s = Math.sqrt(-2 * Math.log(q));
  return (
    s - (2.515517 + s * (0.802853 + s * 0.010328)) / (1 + s * (1.432788 + s * (0.189269 + s * 0.001308)))
  );
}

function normalUpperQuantile(q: number): number {
  return solveUpperTail(q, normalUpperStart(q), normalUpperTail, normalDensity);
}

/** Hill (1970), ACM algorithm 396: a close start for the upper quantile at two-sided tail probability 2q. */
function hillStart(twoSided: number, df: number): number {
  const a = 1 / (df - 0.5);
  const b = 48 / (a * a);
  let c = (((20700 * a) / b - 98) * a - 16) * a + 96.36;
  const d = ((94.5 / (b + c) - 3) / b + 1) * Math.sqrt((a * Math.PI) / 2) * df;
  let y = Math.pow(d * twoSided, 2 / df);
  if (y > 0.05 + a || (df < 2.1 && twoSided > 0.5)) {
    // Asymptotic inverse expansion about the normal.
    const x = -normalUpperQuantile(0.5 * twoSided);
    y = x * x;
    if (df < 5) c += 0.3 * (df - 4.5) * (x + 0.6);
    c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
    y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
    y = Math.expm1(a * y * y);
  } else {
    y =
      (((1 / (((df + 6) / (df * y) - 0.089 * d - 0.822) * (df + 2) * 3 + 0.5 / (df + 4))) * y - 1) *
        (df + 1)) /
        (df + 2) +
      1 / y;
  }
  return Math.sqrt(df * y);
}

/** Cornish–Fisher expansion of the t quantile in powers of 1/df (Abramowitz & Stegun 26.7.5). */
function largeDfQuantile(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

function checkDf(df: number): void {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
}

/**
 * The p-quantile of Student's t with df degrees of freedom (df > 0, real; Infinity gives the normal).
 * For a two-sided interval at level L use `tQuantile(1 - (1 - L) / 2, df)`, e.g. `tQuantile(0.975, 19)`.
 */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability must be in (0, 1), got ${p}`);
  checkDf(df);
  if (p === 0.5) return 0;
  const sign = p < 0.5 ? -1 : 1;
  const q = p < 0.5 ? p : 1 - p; // exact for p ≥ 1/2 (Sterbenz)
  let t: number;
  if (df === Infinity) t = normalUpperQuantile(q);
  else if (df === 1)
    t = 1 / Math.tan(Math.PI * q); // Cauchy, closed form
  else if (df === 2)
    t = (1 - 2 * q) / Math.sqrt(2 * q * (1 - q)); // closed form
  else if (df > LARGE_DF) t = largeDfQuantile(normalUpperQuantile(q), df);
  else {
    t = solveUpperTail(
      q,
      hillStart(2 * q, df),
      (x) => tUpperTail(x, df),
      (x) => tDensity(x, df),
    );
  }
  return sign * t;
}

/** P(T ≤ t) for Student's t with df degrees of freedom (df > 0, real). */
export function tCdf(t: number, df: number): number {
  checkDf(df);
  if (Number.isNaN(t)) return NaN;
  const upper = df === Infinity ? normalUpperTail(Math.abs(t)) : tUpperTail(Math.abs(t), df);
  return t >= 0 ? 1 - upper : upper;
}

/** The p-quantile of the standard normal distribution. */
export function normalQuantile(p: number): number {
  return tQuantile(p, Infinity);
}
