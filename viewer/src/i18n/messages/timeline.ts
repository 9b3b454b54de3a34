import type { Catalogue } from './catalogue.js';

/** Strings of the timeline (English and Simplified Chinese). */
const en = {} as const;

const zh: Catalogue<typeof en> = {};

export const timeline = { en, zh };
