import type { Catalogue } from './catalogue.js';

/** Strings of the time scrubber (English and Simplified Chinese). */
const en = {
  'timeline.label': 'Time',
  'timeline.slider': 'Time to show',
  'timeline.live': 'Live',
  'timeline.play': 'Play',
  'timeline.pause': 'Pause',
  'timeline.speed': 'Speed',
  'timeline.speedValue': '{speed}×',
  'timeline.mode.live': 'Live',
  'timeline.mode.replay': 'Replay',
  'timeline.mode.future': 'Plan forecast',
  'timeline.loading': 'Loading the event log…',
  'timeline.noPlan': 'No active plan to play forward',
  'timeline.range': 'From {from} to {to}',
  'timeline.kpi.running': 'Running {value}',
  'timeline.kpi.wip': 'WIP {value}',
  'timeline.kpi.down': 'Down {value}',
  'timeline.kpi.finished': 'Finished {value}',
  'timeline.kpi.late': 'Late {value}',
  'timeline.skipped': '{count} unreadable events skipped',
} as const;

const zh: Catalogue<typeof en> = {
  'timeline.label': '时间',
  'timeline.slider': '要显示的时间',
  'timeline.live': '实时',
  'timeline.play': '播放',
  'timeline.pause': '暂停',
  'timeline.speed': '速度',
  'timeline.speedValue': '{speed}倍',
  'timeline.mode.live': '实时',
  'timeline.mode.replay': '回放',
  'timeline.mode.future': '计划预演',
  'timeline.loading': '正在加载事件日志…',
  'timeline.noPlan': '没有可预演的生效计划',
  'timeline.range': '从 {from} 到 {to}',
  'timeline.kpi.running': '运行 {value}',
  'timeline.kpi.wip': '在制品 {value}',
  'timeline.kpi.down': '故障 {value}',
  'timeline.kpi.finished': '已完成 {value}',
  'timeline.kpi.late': '延误 {value}',
  'timeline.skipped': '已跳过 {count} 条无法读取的事件',
};

export const timeline = { en, zh };
