import Type, { type Static, type TUnsafe } from 'typebox';

/** A string that TypeScript keeps apart from other strings (a machine id is not an order id). */
export type Brand<T, Name extends string> = T & { readonly __brand: Name };

/** Ids are short, readable and safe in topics, node ids, URLs and file names. */
export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.:-]*$';
export const ID_DESCRIPTION =
  'an id: letters, digits and _ . : - (starting with a letter or digit), at most 64 characters';

function id<Name extends string>(name: Name): TUnsafe<Brand<string, Name>> {
  return Type.Unsafe<Brand<string, Name>>(
    Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: ID_PATTERN,
      description: ID_DESCRIPTION,
      title: name,
    }),
  );
}

export const SiteId = id('SiteId');
export const AreaId = id('AreaId');
export const LineId = id('LineId');
export const MachineId = id('MachineId');
export const BufferId = id('BufferId');
export const TransporterId = id('TransporterId');
export const CalendarId = id('CalendarId');
export const SetupMatrixId = id('SetupMatrixId');
export const OperatorId = id('OperatorId');
export const ProductId = id('ProductId');
export const OperationId = id('OperationId');
export const OrderId = id('OrderId');
export const PlanId = id('PlanId');
/** A machine or a buffer: somewhere a lot can be picked up or dropped. */
export const LocationId = id('LocationId');
/** Setup families, batch families and skills are plain labels shared between records. */
export const Label = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: ID_PATTERN,
  description: ID_DESCRIPTION,
});

export type SiteId = Static<typeof SiteId>;
export type AreaId = Static<typeof AreaId>;
export type LineId = Static<typeof LineId>;
export type MachineId = Static<typeof MachineId>;
export type BufferId = Static<typeof BufferId>;
export type TransporterId = Static<typeof TransporterId>;
export type CalendarId = Static<typeof CalendarId>;
export type SetupMatrixId = Static<typeof SetupMatrixId>;
export type OperatorId = Static<typeof OperatorId>;
export type ProductId = Static<typeof ProductId>;
export type OperationId = Static<typeof OperationId>;
export type OrderId = Static<typeof OrderId>;
export type PlanId = Static<typeof PlanId>;
export type LocationId = Static<typeof LocationId>;
