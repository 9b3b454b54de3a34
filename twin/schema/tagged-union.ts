import Type, { type Static, type TSchema, type TUnion, type TUnsafe } from 'typebox';

/**
 * A union discriminated by its `kind` field. Validation picks the variant by `kind` (Ajv's discriminator), so
 * an error names the field that is wrong in that variant instead of listing every variant's complaints.
 */
export function TaggedUnion<Variants extends TSchema[]>(
  variants: [...Variants],
  options: { description?: string; title?: string } = {},
): TUnsafe<Static<TUnion<Variants>>> {
  return Type.Unsafe<Static<TUnion<Variants>>>({
    ...options,
    type: 'object',
    required: ['kind'],
    properties: { kind: { type: 'string' } },
    discriminator: { propertyName: 'kind' },
    oneOf: variants,
  } as unknown as TSchema);
}
