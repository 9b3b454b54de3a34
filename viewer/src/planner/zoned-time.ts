/**
 * Wall-clock times in the plant's time zone (the planner types plant times, whatever the browser's zone).
 * Intl gives the zone's offset at an instant; two passes settle the offset around a daylight-saving change.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's wall-clock fields at an instant, as if they were UTC (so the difference is the offset). */
function wallAsUtc(epochMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(epochMs)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** Offset of the zone from UTC at an instant, ms (Asia/Shanghai: +8 h). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  return wallAsUtc(whole, timeZone) - whole;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** `YYYY-MM-DDTHH:MM` (an <input type="datetime-local"> value) in the zone → epoch ms; undefined if malformed. */
export function zonedToEpochMs(local: string, timeZone: string | undefined): number | undefined {
  const m = LOCAL.exec(local);
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return undefined;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  if (new Date(asUtc).getUTCDate() !== d) return undefined; // 31 February and the like
  if (!timeZone) return asUtc;
  const first = asUtc - zoneOffsetMs(asUtc, timeZone);
  return asUtc - zoneOffsetMs(first, timeZone);
}

/** Epoch ms → `YYYY-MM-DDTHH:MM` in the zone (to fill a datetime-local input). */
export function epochToZoned(epochMs: number, timeZone: string | undefined): string {
  const wall = timeZone ? wallAsUtc(epochMs, timeZone) : epochMs;
  return new Date(wall).toISOString().slice(0, 16);
}
