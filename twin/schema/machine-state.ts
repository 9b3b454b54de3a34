import { StringEnum } from './string-enum.js';

// OPC 40001-1 Machinery: MachineryItemState and MachineryOperationMode (the standard's state machines).
export const MACHINERY_ITEM_STATES = ['NotAvailable', 'OutOfService', 'NotExecuting', 'Executing'] as const;
export const MachineryItemState = StringEnum(MACHINERY_ITEM_STATES, 'an OPC 40001-1 MachineryItemState');
export type MachineryItemState = (typeof MACHINERY_ITEM_STATES)[number];

export const MACHINERY_OPERATION_MODES = ['None', 'Maintenance', 'Setup', 'Processing'] as const;
export const MachineryOperationMode = StringEnum(
  MACHINERY_OPERATION_MODES,
  'an OPC 40001-1 MachineryOperationMode',
);
export type MachineryOperationMode = (typeof MACHINERY_OPERATION_MODES)[number];

/** The twin's shop-floor states, used for KPIs, energy and colours (DESIGN.md §4). */
export const SHOP_FLOOR_STATES = [
  'running',
  'idle',
  'setup',
  'down',
  'maintenance',
  'blocked',
  'starved',
  'off',
] as const;
export const ShopFloorState = StringEnum(SHOP_FLOOR_STATES, 'a shop-floor state');
export type ShopFloorState = (typeof SHOP_FLOOR_STATES)[number];

/** SEMI E10 equipment time categories. */
export const SEMI_E10_CATEGORIES = [
  'productive',
  'standby',
  'engineering',
  'scheduledDowntime',
  'unscheduledDowntime',
  'nonScheduled',
] as const;
export type SemiE10Category = (typeof SEMI_E10_CATEGORIES)[number];
