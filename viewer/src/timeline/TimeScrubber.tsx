import { useEffect, useRef, useState } from 'react';
import { formatDateTime, formatNumber, formatPercent } from '../i18n/translate.js';
import { useTranslate } from '../i18n/use-translate.js';
import { useSlice, useViewerContext } from '../store/context.js';
import {
  PLAY_SPEEDS,
  SLIDER_STEPS,
  advance,
  fromSlider,
  scrubRange,
  toSlider,
  type PlaySpeed,
} from './scrubber-model.js';
import { useTimeView, type ShownKpis } from './use-time-view.js';
import './timeline.css';

/** Real time between two steps while playing (10 updates a second are smooth enough for states). */
const PLAY_TICK_MS = 100;

/**
 * The time scrubber: drag left of now to replay the recent past, right of now to play the active plan
 * forward; "Live" returns to the plant as it is. The scene, Gantt and KPI strip follow `store.timeView`.
 */
export function TimeScrubber() {
  const t = useTranslate();
  const { store } = useViewerContext();
  const nowMs = useSlice((s) => s.nowMs);
  const view = useSlice((s) => s.timeView);
  const locale = useSlice((s) => s.locale);
  const timezone = useSlice((s) => s.layout?.site.timezone);
  const { showAt, coverageStartMs, loading, skipped, shown, planEndMs } = useTimeView();
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<PlaySpeed>(60);

  const range = scrubRange(nowMs, coverageStartMs, planEndMs);
  const atMs = view.mode === 'live' ? nowMs : view.atMs;

  // Playing reads the latest values through a ref: the interval is set up once per play.
  const latest = useRef({ showAt, range, speed });
  latest.current = { showAt, range, speed };
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      const { showAt: show, range: r, speed: s } = latest.current;
      const state = store.getState();
      const from = state.timeView.mode === 'live' ? state.nowMs : state.timeView.atMs;
      const next = advance(from, now - last, s, r);
      last = now;
      show(next);
      if (next >= r.maxMs) setPlaying(false);
    }, PLAY_TICK_MS);
    return () => clearInterval(timer);
  }, [playing, store]);

  if (nowMs === 0) return <div data-testid="time-scrubber" className="time-scrubber" />;

  return (
    <div data-testid="time-scrubber" className={`time-scrubber time-scrubber-${view.mode}`}>
      <button
        type="button"
        data-testid="time-play"
        className="time-play"
        aria-pressed={playing}
        onClick={() => setPlaying((p) => !p)}
      >
        {playing ? t('timeline.pause') : t('timeline.play')}
      </button>
      <label className="time-speed">
        <span>{t('timeline.speed')}</span>
        <select value={speed} onChange={(e) => setSpeed(Number(e.target.value) as PlaySpeed)}>
          {PLAY_SPEEDS.map((s) => (
            <option key={s} value={s}>
              {t('timeline.speedValue', { speed: s })}
            </option>
          ))}
        </select>
      </label>
      <input
        type="range"
        className="time-slider"
        data-testid="time-slider"
        aria-label={t('timeline.slider')}
        title={t('timeline.range', {
          from: formatDateTime(locale, range.minMs, timezone),
          to: formatDateTime(locale, range.maxMs, timezone),
        })}
        min={0}
        max={SLIDER_STEPS}
        value={toSlider(atMs, range)}
        onChange={(e) => showAt(fromSlider(Number(e.target.value), range))}
      />
      <button
        type="button"
        data-testid="time-live"
        className="time-live"
        disabled={view.mode === 'live'}
        onClick={() => {
          setPlaying(false);
          showAt(store.getState().nowMs);
        }}
      >
        {t('timeline.live')}
      </button>
      <div className="time-readout">
        <span className={`time-mode time-mode-${view.mode}`}>{t(`timeline.mode.${view.mode}`)}</span>
        <time data-testid="time-at" dateTime={new Date(atMs).toISOString()}>
          {formatDateTime(locale, atMs, timezone)}
        </time>
        {view.mode === 'replay' && loading && <span>{t('timeline.loading')}</span>}
        {view.mode === 'future' && planEndMs === undefined && <span>{t('timeline.noPlan')}</span>}
        {view.mode !== 'live' && shown && <KpisAt kpis={shown} />}
        {view.mode === 'replay' && skipped > 0 && (
          <span className="time-note">{t('timeline.skipped', { count: skipped })}</span>
        )}
      </div>
    </div>
  );
}

function KpisAt({ kpis }: { kpis: ShownKpis }) {
  const t = useTranslate();
  const locale = useSlice((s) => s.locale);
  const n = (v: number) => formatNumber(locale, v, 0);
  return (
    <span className="time-kpis" data-testid="time-kpis">
      <span>{t('timeline.kpi.running', { value: formatPercent(locale, kpis.runningShare, 0) })}</span>
      <span>{t('timeline.kpi.wip', { value: n(kpis.wip) })}</span>
      {kpis.mode === 'replay' ? (
        <span>{t('timeline.kpi.down', { value: n(kpis.down) })}</span>
      ) : (
        <>
          <span>{t('timeline.kpi.finished', { value: n(kpis.finished) })}</span>
          <span>{t('timeline.kpi.late', { value: n(kpis.late) })}</span>
        </>
      )}
    </span>
  );
}
