/** The Chinese catalogue of a feature must have exactly the English keys: the compiler checks every string. */
export type Catalogue<En extends Record<string, string>> = { readonly [K in keyof En]: string };
