import { MESSAGES, type MessageKey } from './messages.js';
import type { Translate } from './translate.js';

/** Keys of the names catalogue (messages/names.ts). */
export type KindKey = Extract<MessageKey, `kind.${string}`>;
export type SignalKey = Extract<MessageKey, `signal.${string}`>;

/** Whether a built key is in the catalogues: own keys only, so 'signal.constructor' is not one. */
function isKey<K extends MessageKey>(key: string): key is K {
  return Object.hasOwn(MESSAGES.en, key);
}

/** A machine kind in the reader's language; a kind the catalogue does not know shows as it is. */
export function kindLabel(t: Translate, kind: string): string {
  const key = `kind.${kind}`;
  return isKey<KindKey>(key) ? t(key) : kind;
}

/** A signal name in the reader's language; a signal of the source's own (any name goes) shows as it is. */
export function signalLabel(t: Translate, signal: string): string {
  const key = `signal.${signal}`;
  return isKey<SignalKey>(key) ? t(key) : signal;
}
