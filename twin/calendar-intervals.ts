import type { Calendar } from './schema/calendar.js';
import { clockMinutes, WEEKDAYS, type EpochMs, type SimTime, type Weekday } from './schema/time.js';

/**
 * Open time as sorted, disjoint, non-touching half-open intervals [b0, b1), [b2, b3), … in seconds after the
 * scenario start, with the open time before each interval kept as a prefix sum, so `openTimeBetween` and
 * `advanceWorking` are binary searches rather than walks over the calendar.
 */
export class OpenIntervals {
  /** cum[i] = open seconds before interval i starts; cum[n] = all open seconds. */
  private readonly cum: Float64Array;

  private constructor(readonly bounds: Float64Array) {
    const n = bounds.length >> 1;
    this.cum = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) this.cum[i + 1] = this.cum[i]! + (bounds[2 * i + 1]! - bounds[2 * i]!);
  }

  /** Open from 0 to `horizonS` (a resource without a calendar). */
  static always(horizonS: number): OpenIntervals {
    return new OpenIntervals(Float64Array.of(0, horizonS));
  }

  static empty(): OpenIntervals {
    return new OpenIntervals(new Float64Array(0));
  }

  /** From [start, end) pairs in any order, overlapping or touching: sorted, merged, clipped to [lo, hi). */
  static fromPairs(pairs: readonly (readonly [number, number])[], lo = 0, hi = Infinity): OpenIntervals {
    const sorted = pairs
      .map(([a, b]) => [Math.max(a, lo), Math.min(b, hi)] as const)
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const out: number[] = [];
    for (const [a, b] of sorted) {
      const last = out.length - 1;
      if (last > 0 && a <= out[last]!) out[last] = Math.max(out[last]!, b);
      else out.push(a, b);
    }
    return new OpenIntervals(Float64Array.from(out));
  }

  get count(): number {
    return this.bounds.length >> 1;
  }

  /** All open seconds. */
  get total(): number {
    return this.cum[this.count]!;
  }

  /** Index of the first interval that ends after t (count when none does). */
  firstEndingAfter(t: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.bounds[2 * mid + 1]! > t) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  isOpen(t: SimTime): boolean {
    const i = this.firstEndingAfter(t);
    return i < this.count && this.bounds[2 * i]! <= t;
  }

  /** The first open instant at or after t; Infinity when the calendar never opens again. */
  nextOpen(t: SimTime): SimTime {
    const i = this.firstEndingAfter(t);
    return i < this.count ? Math.max(t, this.bounds[2 * i]!) : Infinity;
  }

  /** The first closing instant at or after t (t itself when closed at t). */
  nextClose(t: SimTime): SimTime {
    const i = this.firstEndingAfter(t);
    return i < this.count && this.bounds[2 * i]! <= t ? this.bounds[2 * i + 1]! : t;
  }

  /** Open seconds in [0, t). */
  private openBefore(t: number): number {
    const i = this.firstEndingAfter(t);
    if (i >= this.count) return this.total;
    return this.cum[i]! + Math.max(0, t - this.bounds[2 * i]!);
  }

  /** Open seconds inside [a, b). */
  openTimeBetween(a: SimTime, b: SimTime): number {
    if (!(b > a)) return 0;
    const i = this.firstEndingAfter(a);
    // Inside one interval the answer is exact: b − a (so simple cases give simple numbers).
    if (i < this.count && this.bounds[2 * i]! <= a && b <= this.bounds[2 * i + 1]!) return b - a;
    return this.openBefore(b) - this.openBefore(a);
  }

  /**
   * When `workS` seconds of work that starts at t end, if work pauses while closed: the first instant by which
   * the open time since t adds up to `workS`. Infinity when the calendar closes for good first.
   */
  advanceWorking(t: SimTime, workS: number): SimTime {
    if (!(workS > 0)) return t;
    const i = this.firstEndingAfter(t);
    if (i >= this.count) return Infinity;
    const from = Math.max(t, this.bounds[2 * i]!);
    if (from + workS <= this.bounds[2 * i + 1]!) return from + workS;
    const target = this.openBefore(t) + workS;
    if (target > this.total) return Infinity;
    // The interval j in which the cumulative open time reaches the target: cum[j] < target ≤ cum[j + 1].
    let lo = i;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cum[mid + 1]! >= target) hi = mid;
      else lo = mid + 1;
    }
    return this.bounds[2 * lo]! + (target - this.cum[lo]!);
  }

  /**
   * When work of `workS` seconds must start so as to end at t, pausing while closed: the latest instant from
   * which the open time up to t adds up to `workS` (the inverse of `advanceWorking`). −Infinity when there is
   * not that much open time before t.
   */
  retreatWorking(t: SimTime, workS: number): SimTime {
    if (!(workS > 0)) return t;
    const i = this.firstEndingAfter(t);
    if (i < this.count && this.bounds[2 * i]! <= t && t - workS >= this.bounds[2 * i]!) return t - workS;
    const target = this.openBefore(t) - workS;
    if (target < 0) return -Infinity;
    // The first interval k whose end lies past the target: cum[k + 1] > target.
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cum[mid + 1]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.bounds[2 * lo]! + (target - this.cum[lo]!);
  }

  /** This open time with `other`'s intervals taken out (a calendar minus maintenance windows). */
  subtract(other: OpenIntervals): OpenIntervals {
    const a = this.bounds;
    const b = other.bounds;
    const out: number[] = [];
    let j = 0;
    for (let i = 0; i < a.length; i += 2) {
      let s = a[i]!;
      const e = a[i + 1]!;
      while (j < b.length && b[j + 1]! <= s) j += 2;
      for (let k = j; k < b.length && b[k]! < e; k += 2) {
        if (b[k]! > s) out.push(s, b[k]!);
        s = Math.max(s, b[k + 1]!);
      }
      if (s < e) out.push(s, e);
    }
    return new OpenIntervals(Float64Array.from(out));
  }

  /** The intervals as [start, end) pairs (tests, reports). */
  toPairs(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.bounds.length; i += 2) out.push([this.bounds[i]!, this.bounds[i + 1]!]);
    return out;
  }
}

export interface ExpandOptions {
  /** Wall-clock time of simulated second 0. */
  startMs: EpochMs;
  /** Expand over [0, horizonS). */
  horizonS: number;
  /** IANA time zone the shift clock times are read in (default UTC). */
  timeZone?: string;
}

const DAY_MS = 86_400_000;
const DAY_MIN = 1440;

/** UTC offset (ms) of a zone at an instant, read through Intl (pure: the zone database is data). */
function offsetReader(timeZone: string): (utcMs: number) => number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return () => 0;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new RangeError(`unknown time zone "${timeZone}"`);
  }
  return (utcMs) => {
    const p: Record<string, number> = {};
    for (const part of format.formatToParts(utcMs)) if (part.type !== 'literal') p[part.type] = +part.value;
    const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
    return asUtc - Math.floor(utcMs / 1000) * 1000;
  };
}

/**
 * Local civil time → instant. Offsets are read once per local day; on a day with a DST change the instant
 * is solved for exactly (a time in the spring-forward gap lands on the later side).
 */
function localClock(timeZone: string): (dayUtc: number, minutes: number) => number {
  const offsetAt = offsetReader(timeZone);
  const dayOffset = new Map<number, number | null>();
  const exact = (wall: number) => {
    const o = offsetAt(wall);
    const o2 = offsetAt(wall - o);
    return wall - (o2 === o ? o : o2);
  };
  return (dayUtc, minutes) => {
    // Normalise 24:00 and night-shift times past midnight onto their own day.
    const day = dayUtc + Math.floor(minutes / DAY_MIN) * DAY_MS;
    const wall = day + (minutes % DAY_MIN) * 60_000;
    let o = dayOffset.get(day);
    if (o === undefined) {
      const noon = offsetAt(day + DAY_MS / 2);
      const steady = offsetAt(day - noon) === noon && offsetAt(day + DAY_MS - noon) === noon;
      o = steady ? noon : null;
      dayOffset.set(day, o);
    }
    return o === null ? exact(wall) : wall - o;
  };
}

/** The local civil date of an instant, as the UTC midnight of that date. */
function localDay(utcMs: number, timeZone: string): number {
  const local = utcMs + offsetReader(timeZone)(utcMs);
  return Math.floor(local / DAY_MS) * DAY_MS;
}

const isoDate = (dayUtc: number) => new Date(dayUtc).toISOString().slice(0, 10);
const weekdayOf = (dayUtc: number): Weekday => WEEKDAYS[(new Date(dayUtc).getUTCDay() + 6) % 7]!;

/**
 * The open time of a calendar over [0, horizonS): every shift on its weekdays (a shift belongs to the day it
 * starts on, so a night shift runs past midnight into the next day), breaks taken out, and no shift starting
 * on a holiday. Shifts that overlap or touch merge. Without a calendar the resource is always open.
 */
export function expandCalendar(calendar: Calendar | undefined, options: ExpandOptions): OpenIntervals {
  const { startMs, horizonS } = options;
  if (!calendar) return OpenIntervals.always(horizonS);
  const timeZone = options.timeZone ?? 'UTC';
  const at = localClock(timeZone);
  const holidays = new Set(calendar.holidays ?? []);
  const toSim = (ms: number) => (ms - startMs) / 1000;
  const pairs: [number, number][] = [];
  // From the day before the start (its night shift may still be running at second 0) to past the horizon.
  const first = localDay(startMs, timeZone) - DAY_MS;
  const last = localDay(startMs + Math.min(horizonS, 1e13) * 1000, timeZone) + DAY_MS;
  for (let day = first; day <= last; day += DAY_MS) {
    if (holidays.has(isoDate(day))) continue;
    const weekday = weekdayOf(day);
    for (const shift of calendar.shifts) {
      if (!shift.days.includes(weekday)) continue;
      const start = clockMinutes(shift.start);
      let end = clockMinutes(shift.end);
      if (end <= start) end += DAY_MIN;
      // Breaks in shift order: a break clock time before the shift start falls on the next day.
      const breaks = (shift.breaks ?? [])
        .map((b) => {
          let bs = clockMinutes(b.start);
          if (bs < start) bs += DAY_MIN;
          let be = clockMinutes(b.end);
          if (be <= bs) be += DAY_MIN;
          return [Math.max(bs, start), Math.min(be, end)] as const;
        })
        .filter(([bs, be]) => be > bs)
        .sort((x, y) => x[0] - y[0]);
      let from = start;
      for (const [bs, be] of breaks) {
        if (bs > from) pairs.push([toSim(at(day, from)), toSim(at(day, bs))]);
        from = Math.max(from, be);
      }
      if (end > from) pairs.push([toSim(at(day, from)), toSim(at(day, end))]);
    }
  }
  return OpenIntervals.fromPairs(pairs, 0, horizonS);
}
