import Type, { type Static } from 'typebox';
import { CalendarId, MachineId, OperationId, OrderId, ProductId } from '../../twin/schema/ids.js';
import { Instant } from '../../twin/schema/time.js';
import { Distribution } from '../../twin/schema/distribution.js';
import { Machine } from '../../twin/schema/machine.js';
import { Order } from '../../twin/schema/order.js';
import { Shift } from '../../twin/schema/calendar.js';
import { TaggedUnion } from '../../twin/schema/tagged-union.js';

const edit = <const K extends string, P extends Parameters<typeof Type.Object>[0]>(kind: K, props: P) =>
  Type.Object(
    { kind: Type.Literal(kind), note: Type.Optional(Type.String({ maxLength: 500 })), ...props },
    { additionalProperties: false },
  );

export const MachineDownEdit = edit('machineDown', { machine: MachineId, from: Instant, to: Instant });
export const RushOrderEdit = edit('rushOrder', { order: Order });
export const ExtraShiftEdit = edit('extraShift', { calendar: CalendarId, shift: Shift });
/** Replace the time distribution, or scale it by `factor`, on one machine or on every alternative. */
export const ProcessingTimeEdit = edit('processingTime', {
  product: ProductId,
  operation: OperationId,
  machine: Type.Optional(MachineId),
  time: Type.Optional(Distribution),
  factor: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
});
export const RemoveMachineEdit = edit('removeMachine', { machine: MachineId });
/** Add a machine; `like` copies the operations another machine can run, with the same times. */
export const AddMachineEdit = edit('addMachine', { machine: Machine, like: Type.Optional(MachineId) });
export const DueDateEdit = edit('dueDate', { order: OrderId, due: Instant });
export const QuantityEdit = edit('quantity', { order: OrderId, quantity: Type.Integer({ minimum: 1 }) });

export const EDIT_KINDS = [
  'machineDown',
  'rushOrder',
  'extraShift',
  'processingTime',
  'removeMachine',
  'addMachine',
  'dueDate',
  'quantity',
] as const;

export const Edit = TaggedUnion(
  [
    MachineDownEdit,
    RushOrderEdit,
    ExtraShiftEdit,
    ProcessingTimeEdit,
    RemoveMachineEdit,
    AddMachineEdit,
    DueDateEdit,
    QuantityEdit,
  ],
  { title: 'Edit', description: `a what-if edit: kind is one of ${EDIT_KINDS.join(', ')}` },
);
export type Edit = Static<typeof Edit>;
export type EditKind = Edit['kind'];
