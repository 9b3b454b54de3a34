import Type, { type Static } from 'typebox';
import { Area, Buffer, Line, Site, Transporter } from './structure.js';
import { Calendar } from './calendar.js';
import { Machine } from './machine.js';
import { Operator } from './operator.js';
import { Product } from './product.js';
import { SetupMatrix } from './setup.js';

/** The properties of a factory model; a scenario file holds them at its top level. */
export const factoryModelProperties = {
  site: Site,
  areas: Type.Array(Area, { minItems: 1 }),
  lines: Type.Array(Line, { minItems: 1 }),
  machines: Type.Array(Machine, { minItems: 1 }),
  buffers: Type.Optional(Type.Array(Buffer)),
  transporters: Type.Optional(Type.Array(Transporter)),
  calendars: Type.Optional(Type.Array(Calendar)),
  setupMatrices: Type.Optional(Type.Array(SetupMatrix)),
  operators: Type.Optional(Type.Array(Operator)),
  products: Type.Array(Product, { minItems: 1 }),
};

export const FactoryModel = Type.Object(factoryModelProperties, { additionalProperties: false });
export type FactoryModel = Static<typeof FactoryModel>;
