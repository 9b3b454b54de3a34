// Times and durations as a planner reads them: "Tue 14:30" in the site's time zone, "1 h 20 min".

/** Formats plan seconds as a weekday and clock time in `timeZone` (pure: the zone database is data). */
export function clockFormatter(epochMs: number, timeZone = 'UTC'): (planS: number) => string {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (planS) =>
    Number.isFinite(planS) ? format.format(new Date(epochMs + planS * 1000)).replace(',', '') : String(planS);
}

/** 45 s, 12 min, 3 h 05 min, 2 d 4 h. */
export function duration(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ${String(min % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}
