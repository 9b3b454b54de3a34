/**
 * Signal names that the twin understands, whatever the source (OPC UA, MQTT, the embedded plant). Connectors map
 * a source's node ids or topics onto these; any other signal name is kept as history but changes no state.
 */
export const MACHINE_SIGNALS = {
  /** A shop-floor state (twin/schema/machine-state.ts SHOP_FLOOR_STATES), string. */
  state: 'state',
  /** OPC 40001-1 MachineryItemState, string. */
  itemState: 'itemState',
  /** OPC 40001-1 MachineryOperationMode, string. */
  operationMode: 'operationMode',
  /** Order id being worked on ('' or null when none), string. */
  order: 'order',
  /** Operation id being worked on ('' or null when none), string. */
  operation: 'operation',
  /** Good parts produced since the counter was reset, integer. */
  partCount: 'partCount',
  /** Parts scrapped since the counter was reset, integer. */
  scrapCount: 'scrapCount',
  /** Process signals, numbers. */
  spindleLoad: 'spindleLoad',
  temperature: 'temperature',
  power: 'power',
} as const;
export type MachineSignal = (typeof MACHINE_SIGNALS)[keyof typeof MACHINE_SIGNALS];

/** Signal families, one InfluxDB measurement each (DESIGN.md §4). */
export const SIGNAL_FAMILY: Readonly<Record<string, string>> = {
  state: 'machine_state',
  itemState: 'machine_state',
  operationMode: 'machine_state',
  order: 'machine_job',
  operation: 'machine_job',
  partCount: 'machine_counter',
  scrapCount: 'machine_counter',
  spindleLoad: 'machine_process',
  temperature: 'machine_process',
  power: 'machine_energy',
};

/** The measurement of a signal: its family, else `signal_<name>`. */
export function signalFamily(signal: string): string {
  // Own keys only: a signal named `toString` or `constructor` is just a signal, not an inherited function.
  const family = Object.hasOwn(SIGNAL_FAMILY, signal) ? SIGNAL_FAMILY[signal] : undefined;
  return family ?? `signal_${signal.replace(/[^A-Za-z0-9_]/g, '_')}`;
}
