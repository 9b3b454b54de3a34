import type { Locale } from '../i18n/messages.js';
import { formatDateTime, formatNumber, formatTime, localeTag, type Translate } from '../i18n/translate.js';
import { timezoneOffsetMs } from './gantt-axis.js';
import type { GanttLayout } from './gantt-layout.js';

/** Axis labels and the zone offset, cached: Intl formatters are too slow to build for every tick of every frame. */
export interface TickLabels {
  label(t: number, midnight: boolean, locale: Locale, timeZone: string | undefined): string;
  offset(t: number, timeZone: string | undefined): number;
}

const CACHE_LIMIT = 2000;
const HOUR = 3_600_000;

export function createTickLabels(): TickLabels {
  const labels = new Map<string, string>();
  const offsets = new Map<string, number>();
  let dateFormat: Intl.DateTimeFormat | undefined;
  let dateKey = '';
  return {
    label(t, midnight, locale, timeZone) {
      const key = `${locale}|${timeZone ?? ''}|${midnight ? 'd' : 't'}|${t}`;
      let label = labels.get(key);
      if (label !== undefined) return label;
      if (midnight) {
        const wanted = `${locale}|${timeZone ?? ''}`;
        if (dateKey !== wanted) {
          dateKey = wanted;
          dateFormat = new Intl.DateTimeFormat(localeTag(locale), {
            month: 'short',
            day: 'numeric',
            ...(timeZone && { timeZone }),
          });
        }
        label = dateFormat!.format(t);
      } else {
        label = formatTime(locale, t, timeZone);
      }
      if (labels.size >= CACHE_LIMIT) labels.clear();
      labels.set(key, label);
      return label;
    },
    offset(t, timeZone) {
      const key = `${timeZone ?? ''}|${Math.floor(t / HOUR)}`;
      let offset = offsets.get(key);
      if (offset === undefined) {
        if (offsets.size >= CACHE_LIMIT) offsets.clear();
        offsets.set(key, (offset = timezoneOffsetMs(t, timeZone)));
      }
      return offset;
    },
  };
}

/** The tooltip of a bar: order (first, shown bold), operation, machine, times, setup, batch, due date, frozen. */
export function tooltipLines(
  layout: GanttLayout,
  index: number,
  t: Translate,
  locale: Locale,
  timeZone: string | undefined,
): string[] {
  const bar = layout.bars[index];
  if (!bar) return [];
  const when = (ms: number): string => formatDateTime(locale, ms, timeZone);
  const lines = [
    t('gantt.tip.order', { order: bar.order }),
    t('gantt.tip.operation', { operation: bar.operation }),
    t('gantt.tip.machine', { machine: layout.rows[bar.row]?.name ?? bar.machine }),
    t('gantt.tip.time', { start: when(bar.startMs), end: when(bar.endMs) }),
  ];
  if (bar.startMs > bar.setupStartMs) {
    lines.push(
      t('gantt.tip.setup', { minutes: formatNumber(locale, (bar.startMs - bar.setupStartMs) / 60_000) }),
    );
  }
  if (bar.batch !== undefined) lines.push(t('gantt.tip.batch', { batch: bar.batch }));
  if (bar.dueMs === undefined) lines.push(t('gantt.tip.noDue'));
  else lines.push(t(bar.orderLate ? 'gantt.tip.late' : 'gantt.tip.onTime', { due: when(bar.dueMs) }));
  if (bar.frozen) lines.push(t('gantt.tip.frozen'));
  return lines;
}
