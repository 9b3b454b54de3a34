import Type, { type Static } from 'typebox';

/**
 * How a connector reconnects after losing its server or broker: the first wait, doubled after each failed
 * attempt up to the cap, back to the first on success. One schema for every connector; each gives its defaults.
 */
export function ReconnectBackoff(defaults: { initialDelayMs: number; maxDelayMs: number }) {
  return Type.Object(
    {
      initialDelayMs: Type.Integer({ minimum: 10, default: defaults.initialDelayMs }),
      maxDelayMs: Type.Integer({ minimum: 10, default: defaults.maxDelayMs }),
    },
    { additionalProperties: false, default: {} },
  );
}
export type ReconnectBackoff = Static<ReturnType<typeof ReconnectBackoff>>;
