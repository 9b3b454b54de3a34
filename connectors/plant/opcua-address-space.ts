import {
  DataType,
  promoteToStateMachine,
  standardUnits,
  StatusCodes,
  Variant,
  type AddressSpace,
  type ISessionContext,
  type Namespace,
  type UAObject,
  type UAStateMachineEx,
  type UAVariable,
} from 'node-opcua';
import { MACHINE_SIGNALS as S } from '../../twin/signals.js';
import type { MachineTelemetry } from './telemetry.js';

/** Companion specification namespaces the address space uses (loaded from node-opcua-nodesets). */
export const NS = {
  di: 'http://opcfoundation.org/UA/DI/',
  machinery: 'http://opcfoundation.org/UA/Machinery/',
  isa95: 'http://opcfoundation.org/UA/ISA95-JOBCONTROL_V2/',
  jobs: 'http://opcfoundation.org/UA/Machinery/Jobs/',
} as const;

export interface MachineIdentity {
  id: string;
  name: string;
  kind: string;
  line: string;
  manufacturer: string;
  model: string;
  serialNumber: string;
  productInstanceUri: string;
}

/** Sets one signal of one machine from an observation value (source timestamp in epoch ms). */
export type SignalSetter = (value: unknown, sourceTs: number) => void;

/** Handlers of one machine's JobOrderControl methods: ReturnStatus, never a throw. */
export interface JobOrderControlHandlers {
  store(jobOrder: unknown, andStart: boolean): number;
  start(id: unknown): number;
  cancel(id: unknown): number;
  clear(id: unknown): number;
  /** The machine's job orders with their states, as JSON (the JobOrderList variable). */
  list(): string;
}

const READ_ONLY = { accessLevel: 'CurrentRead', userAccessLevel: 'CurrentRead' } as const;

function nsIndex(addressSpace: AddressSpace, uri: string): number {
  const ns = addressSpace.getNamespace(uri);
  if (!ns) throw new Error(`the OPC UA nodeset ${uri} is not loaded`);
  return ns.index;
}

function setProperty(parent: UAObject, name: string, dataType: DataType, value: unknown): void {
  const v = parent.getChildByName(name) as UAVariable | null;
  if (v) v.setValueFromSource(new Variant({ dataType, value }));
}

/**
 * One machine as OPC 40001-1 Machinery describes it, under Objects/Machines: Identification
 * (MachineIdentificationType), MachineryBuildingBlocks with MachineryItemState and MachineryOperationMode
 * (their state machine types, also referenced from the machine by HasAddIn), Production (current order and
 * operation, part and scrap counters, shop-floor state), Monitoring (spindle load, temperature, power), and
 * JobManagement/JobOrderControl for ISA-95 job orders. Returns the setter of each signal.
 */
export function addMachine(
  addressSpace: AddressSpace,
  own: Namespace,
  machines: UAObject,
  m: MachineIdentity,
  jobs: JobOrderControlHandlers,
): Map<string, SignalSetter> {
  const di = nsIndex(addressSpace, NS.di);
  const machinery = nsIndex(addressSpace, NS.machinery);
  const isa95 = nsIndex(addressSpace, NS.isa95);
  const jobsNs = nsIndex(addressSpace, NS.jobs);
  const setters = new Map<string, SignalSetter>();
  const id = (path: string) => `s=${m.id}.${path}`;

  const machine = own.addObject({
    browseName: m.id,
    displayName: m.name,
    description: `${m.kind} on line ${m.line}`,
    nodeId: `s=${m.id}`,
    organizedBy: machines,
  });

  const identification = addressSpace.findObjectType('MachineIdentificationType', machinery)!.instantiate({
    browseName: { name: 'Identification', namespaceIndex: di },
    componentOf: machine,
    nodeId: id('Identification'),
    optionals: ['Model', 'ProductCode', 'YearOfConstruction', 'Location'],
  });
  setProperty(identification, 'Manufacturer', DataType.LocalizedText, { text: m.manufacturer });
  setProperty(identification, 'Model', DataType.LocalizedText, { text: m.model });
  setProperty(identification, 'SerialNumber', DataType.String, m.serialNumber);
  setProperty(identification, 'ProductInstanceUri', DataType.String, m.productInstanceUri);
  setProperty(identification, 'ProductCode', DataType.String, m.kind);
  setProperty(identification, 'Location', DataType.String, m.line);

  const blocks = own.addObject({
    typeDefinition: 'FolderType',
    componentOf: machine,
    browseName: { name: 'MachineryBuildingBlocks', namespaceIndex: machinery },
    nodeId: id('MachineryBuildingBlocks'),
  });
  const stateMachine = (type: string, name: string): UAStateMachineEx => {
    const node = addressSpace.findObjectType(type, machinery)!.instantiate({
      browseName: { name, namespaceIndex: machinery },
      componentOf: blocks,
      nodeId: id(name),
    });
    machine.addReference({ referenceType: 'HasAddIn', nodeId: node.nodeId });
    return promoteToStateMachine(node);
  };
  const itemState = stateMachine('MachineryItemState_StateMachineType', 'MachineryItemState');
  const operationMode = stateMachine('MachineryOperationModeStateMachineType', 'MachineryOperationMode');
  setters.set(S.itemState, (v) => typeof v === 'string' && itemState.setState(v));
  setters.set(S.operationMode, (v) => typeof v === 'string' && operationMode.setState(v));
  itemState.setState('NotAvailable');
  operationMode.setState('None');

  const variable = (
    parent: UAObject,
    name: string,
    dataType: DataType,
    value: unknown,
    description: string,
  ) =>
    own.addVariable({
      componentOf: parent,
      browseName: name,
      nodeId: id(`${parent.browseName.name}.${name}`),
      dataType,
      description,
      value: new Variant({ dataType, value }),
      ...READ_ONLY,
    });
  const setterOf = (v: UAVariable, dataType: DataType, ok: (x: unknown) => boolean): SignalSetter => {
    return (value, ts) => {
      if (!ok(value)) return;
      v.setValueFromSource(new Variant({ dataType, value }), StatusCodes.Good, new Date(ts));
    };
  };
  const isString = (x: unknown) => typeof x === 'string';
  const isCount = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0;
  const isNumber = (x: unknown) => typeof x === 'number' && Number.isFinite(x);

  const production = own.addObject({
    browseName: 'Production',
    componentOf: machine,
    nodeId: id('Production'),
  });
  const strings: [string, string, string][] = [
    [S.order, 'CurrentOrder', 'order being worked on (empty when none)'],
    [S.operation, 'CurrentOperation', 'operation being worked on (empty when none)'],
    [S.state, 'ShopFloorState', 'running, idle, setup, down, maintenance, blocked, starved or off'],
  ];
  for (const [signal, name, description] of strings)
    setters.set(
      signal,
      setterOf(variable(production, name, DataType.String, '', description), DataType.String, isString),
    );
  for (const [signal, name, description] of [
    [S.partCount, 'PartCount', 'good parts produced since the plant started'],
    [S.scrapCount, 'ScrapCount', 'parts scrapped since the plant started'],
  ] as const)
    setters.set(
      signal,
      setterOf(variable(production, name, DataType.UInt32, 0, description), DataType.UInt32, isCount),
    );

  const monitoring = own.addObject({
    browseName: 'Monitoring',
    componentOf: machine,
    nodeId: id('Monitoring'),
  });
  for (const [signal, name, unit, high] of [
    [S.spindleLoad, 'SpindleLoad', standardUnits.percent, 150],
    [S.temperature, 'Temperature', standardUnits.degree_celsius, 200],
    [S.power, 'Power', standardUnits.kilowatt, 1000],
  ] as const) {
    const v = own.addAnalogDataItem({
      componentOf: monitoring,
      browseName: name,
      nodeId: id(`Monitoring.${name}`),
      dataType: 'Double',
      engineeringUnits: unit,
      engineeringUnitsRange: { low: 0, high },
      value: new Variant({ dataType: DataType.Double, value: 0 }),
      ...READ_ONLY,
    });
    setters.set(signal, setterOf(v, DataType.Double, isNumber));
  }

  addJobOrderControl(own, machine, { jobsNs, isa95 }, id, jobs);
  return setters;
}

/** How a machine's own counters and states read on first contact (before the plant publishes). */
export function initialValues(t: MachineTelemetry): [string, unknown][] {
  return [
    [S.state, t.state],
    [S.order, t.order],
    [S.operation, t.operation],
    [S.partCount, t.partCount],
    [S.scrapCount, t.scrapCount],
  ];
}

/**
 * JobManagement/JobOrderControl after OPC 40001-3 with the methods of the job order contract
 * (connectors/dispatch/job-order.ts): the JobOrder travels as JSON in a String, not as the ISA-95 structure, so
 * the object is not typed ISA95JobOrderReceiverObjectType; browse names are the standard's.
 */
function addJobOrderControl(
  own: Namespace,
  machine: UAObject,
  ns: { jobsNs: number; isa95: number },
  id: (path: string) => string,
  jobs: JobOrderControlHandlers,
): void {
  const management = own.addObject({
    typeDefinition: 'FolderType',
    componentOf: machine,
    browseName: { name: 'JobManagement', namespaceIndex: ns.jobsNs },
    nodeId: id('JobManagement'),
  });
  const control = own.addObject({
    browseName: { name: 'JobOrderControl', namespaceIndex: ns.jobsNs },
    componentOf: management,
    nodeId: id('JobManagement.JobOrderControl'),
  });
  own.addVariable({
    componentOf: control,
    browseName: { name: 'JobOrderList', namespaceIndex: ns.isa95 },
    nodeId: id('JobManagement.JobOrderControl.JobOrderList'),
    dataType: 'String',
    description: 'the job orders of this machine with their states, as JSON',
    minimumSamplingInterval: 500,
    value: { get: () => new Variant({ dataType: DataType.String, value: jobs.list() }) },
    ...READ_ONLY,
  });
  const returnStatus = [
    { name: 'ReturnStatus', dataType: DataType.UInt64, description: 'JOB_ORDER_RETURN_STATUS' },
  ];
  const method = (name: string, argument: string, call: (arg: unknown) => number) => {
    const m = own.addMethod(control, {
      browseName: { name, namespaceIndex: ns.isa95 },
      nodeId: id(`JobManagement.JobOrderControl.${name}`),
      inputArguments: [{ name: argument, dataType: DataType.String }],
      outputArguments: returnStatus,
    });
    // Two parameters: node-opcua tells promise-style handlers from callback-style ones by their arity.
    m.bindMethod(async (inputArguments: Variant[], _context: ISessionContext) => {
      try {
        const status = call(inputArguments[0]?.value);
        return {
          statusCode: StatusCodes.Good,
          // A UInt64 from a plain number: node-opcua takes [high, low] only with an explicit arrayType.
          outputArguments: [new Variant({ dataType: DataType.UInt64, value: status })],
        };
      } catch {
        // A handler bug must not take the server down: the caller sees an internal error.
        return { statusCode: StatusCodes.BadInternalError };
      }
    });
  };
  method('Store', 'JobOrder', (a) => jobs.store(a, false));
  method('StoreAndStart', 'JobOrder', (a) => jobs.store(a, true));
  method('Start', 'JobOrderID', (a) => jobs.start(a));
  method('Cancel', 'JobOrderID', (a) => jobs.cancel(a));
  method('Clear', 'JobOrderID', (a) => jobs.clear(a));
}
