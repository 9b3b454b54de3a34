import Type, { type TUnsafe } from 'typebox';

/** A closed set of strings as one JSON Schema `enum`, so an error lists the allowed values once. */
export function StringEnum<const Values extends readonly string[]>(
  values: Values,
  description: string,
): TUnsafe<Values[number]> {
  return Type.Unsafe<Values[number]>(
    Type.Enum([...values], { description: `${description}: ${values.join(', ')}` }),
  );
}
