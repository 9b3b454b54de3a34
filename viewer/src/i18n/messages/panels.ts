import type { Catalogue } from './catalogue.js';

/** Strings of the panels (English and Simplified Chinese). */
const en = {} as const;

const zh: Catalogue<typeof en> = {};

export const panels = { en, zh };
