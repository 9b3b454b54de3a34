/**
 * Wall-clock times in the plant's time zone (the planner types plant times, whatever the browser's zone).
 * Two passes settle the offset around a daylight-saving change.
 */
import { wallClockAsUtc, zoneOffsetMs } from '../i18n/time-zone.js';

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
  const wall = timeZone ? wallClockAsUtc(epochMs, timeZone) : epochMs;
  return new Date(wall).toISOString().slice(0, 16);
}
