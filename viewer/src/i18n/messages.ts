import { common } from './messages/common.js';
import { gantt } from './messages/gantt.js';
import { names } from './messages/names.js';
import { panels } from './messages/panels.js';
import { planner } from './messages/planner.js';
import { scene } from './messages/scene.js';
import { timeline } from './messages/timeline.js';

export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * Every feature keeps its strings in a file of its own under messages/ (English and Simplified Chinese side by
 * side); this joins them. A key missing in Chinese is a compile error (see Catalogue).
 */
const FEATURES = [common, names, scene, gantt, panels, planner, timeline] as const;

type Feature = (typeof FEATURES)[number];
export type MessageKey = Feature extends infer F
  ? F extends { en: infer E }
    ? keyof E & string
    : never
  : never;

export const MESSAGES: Record<Locale, Record<MessageKey, string>> = {
  en: Object.assign({}, ...FEATURES.map((f) => f.en)) as Record<MessageKey, string>,
  zh: Object.assign({}, ...FEATURES.map((f) => f.zh)) as Record<MessageKey, string>,
};
