import type { Catalogue } from './catalogue.js';

/** Strings of the gantt (English and Simplified Chinese). */
const en = {} as const;

const zh: Catalogue<typeof en> = {};

export const gantt = { en, zh };
