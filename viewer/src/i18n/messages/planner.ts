import type { Catalogue } from './catalogue.js';

/** Strings of the planner (English and Simplified Chinese). */
const en = {} as const;

const zh: Catalogue<typeof en> = {};

export const planner = { en, zh };
