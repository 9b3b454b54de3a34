import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Static, TSchema } from 'typebox';

// ajv-formats ships CommonJS: under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** One Ajv for the product: every error (not just the first), defaults filled in, unions picked by `kind`. */
function createAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    useDefaults: true,
    discriminator: true,
    verbose: true,
    strict: true,
    strictTypes: false,
    allowUnionTypes: true,
  });
  addFormats(ajv);
  return ajv;
}

let shared: Ajv | undefined;
const compiled = new WeakMap<TSchema, ValidateFunction>();

/** Compile once per schema object; later calls reuse the function. */
export function compiledValidator<S extends TSchema>(schema: S): ValidateFunction<Static<S>> {
  shared ??= createAjv();
  let fn = compiled.get(schema);
  if (!fn) {
    fn = shared.compile(schema);
    compiled.set(schema, fn);
  }
  return fn as ValidateFunction<Static<S>>;
}
