import type { Catalogue } from './catalogue.js';

/** Strings of the scene (English and Simplified Chinese). */
const en = {} as const;

const zh: Catalogue<typeof en> = {};

export const scene = { en, zh };
