// The embedded plant behind its real OPC UA server on loopback: a node-opcua client browses the Machinery
// structure, watches the plant run, and sends ISA-95 job orders that the plant then executes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AttributeIds,
  BrowseDirection,
  DataType,
  MessageSecurityMode,
  OPCUAClient,
  SecurityPolicy,
  StatusCodes,
  Variant,
  type ClientSession,
} from 'node-opcua';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTimeout } from '../../test/servers.js';
import type { Observation } from '../../twin/schema/observation.js';
import { JOB_ORDER_RETURN_STATUS as RS, type JobOrder } from '../dispatch/job-order.js';
import { TWO_MACHINES_SCENARIO, turnsStarted, until } from './__fixtures__/plant-test.js';
import { startEmbeddedPlant, type EmbeddedPlant } from './embedded-plant.js';

const PORT = 48410;

describe('embedded plant over OPC UA', () => {
  let pkiDir = '';
  let plant: EmbeddedPlant;
  let client: OPCUAClient;
  let session: ClientSession;
  const seen: Observation[] = [];

  beforeAll(async () => {
    pkiDir = await mkdtemp(path.join(tmpdir(), 'shopfloor-twin-plant-'));
    // Slow at first, so the job order test below finds work still to do; it speeds the plant up itself.
    plant = await startEmbeddedPlant(
      { scenario: TWO_MACHINES_SCENARIO, speed: 1, sampleMs: 50, opcua: { port: PORT, pkiDir } },
      { accept: (batch) => seen.push(...batch) },
    );
    client = OPCUAClient.create({
      applicationName: 'plant-test-client',
      securityMode: MessageSecurityMode.None,
      securityPolicy: SecurityPolicy.None,
      endpointMustExist: false,
      connectionStrategy: { maxRetry: 2, initialDelay: 100, maxDelay: 500 },
    });
    await withTimeout(client.connect(plant.opcuaEndpoint!), 10_000, 'connect');
    session = await client.createSession();
    console.log(`embedded plant: OPC UA server up in ${plant.opcuaStartupMs!.toFixed(0)} ms`);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    await client?.disconnect();
    await plant?.stop();
    await rm(pkiDir, { recursive: true, force: true });
  });

  async function children(nodeId: string): Promise<Map<string, string>> {
    const r = await session.browse({
      nodeId,
      browseDirection: BrowseDirection.Forward,
      referenceTypeId: 'HierarchicalReferences',
      includeSubtypes: true,
      resultMask: 0x3f,
    });
    return new Map((r.references ?? []).map((ref) => [ref.browseName.name!, ref.nodeId.toString()]));
  }
  async function nodeAt(...names: string[]): Promise<string> {
    let node = 'i=85'; // Objects
    for (const name of names) {
      const next = (await children(node)).get(name);
      if (!next) throw new Error(`no ${name} under ${node}`);
      node = next;
    }
    return node;
  }
  const read = async (nodeId: string) =>
    (await session.read({ nodeId, attributeId: AttributeIds.Value })).value.value;
  const call = async (machine: string, method: string, arg: string): Promise<number> => {
    const control = await nodeAt('Machines', machine, 'JobManagement', 'JobOrderControl');
    const methodId = (await children(control)).get(method)!;
    const r = await session.call({
      objectId: control,
      methodId,
      inputArguments: [new Variant({ dataType: DataType.String, value: arg })],
    });
    expect(r.statusCode.name).toBe('Good');
    const [high, low] = r.outputArguments![0]!.value as [number, number];
    return high * 2 ** 32 + low;
  };
  const jobOrder = (id: string, machine: string, ops: [string, string][]): JobOrder =>
    ({
      jobOrderId: id,
      planId: 'plan-1',
      planVersion: 1,
      machine,
      epochMs: plant.plant.snapshot().clockMs,
      operations: ops.map(([order, operation], i) => ({
        order,
        operation,
        startS: i * 60,
        endS: i * 60 + 60,
      })),
    }) as JobOrder;

  it('shows the Machinery structure under Objects/Machines', async () => {
    const machines = await children(await nodeAt('Machines'));
    expect([...machines.keys()]).toEqual(expect.arrayContaining(['M1', 'M2']));
    const m1 = await children(await nodeAt('Machines', 'M1'));
    for (const name of [
      'Identification',
      'MachineryBuildingBlocks',
      'Production',
      'Monitoring',
      'JobManagement',
    ])
      expect(m1.has(name), name).toBe(true);
    const id = await children(m1.get('Identification')!);
    expect((await read(id.get('Manufacturer')!)).text).toMatch(/simulated/);
    expect(await read(id.get('SerialNumber')!)).toBe('SIM-test-site-M1');
    expect(await read(id.get('ProductInstanceUri')!)).toBe('urn:shopfloor-twin:test-site:M1');
    const state = await nodeAt(
      'Machines',
      'M1',
      'MachineryBuildingBlocks',
      'MachineryItemState',
      'CurrentState',
    );
    expect(['NotAvailable', 'OutOfService', 'NotExecuting', 'Executing']).toContain((await read(state)).text);
    const mode = await nodeAt(
      'Machines',
      'M1',
      'MachineryBuildingBlocks',
      'MachineryOperationMode',
      'CurrentState',
    );
    expect(['None', 'Maintenance', 'Setup', 'Processing']).toContain((await read(mode)).text);
    // Signals are read-only for clients.
    const parts = await nodeAt('Machines', 'M1', 'Production', 'PartCount');
    const written = await session.write({
      nodeId: parts,
      attributeId: AttributeIds.Value,
      value: { value: new Variant({ dataType: DataType.UInt32, value: 99 }) },
    });
    expect(written).not.toBe(StatusCodes.Good);
  });

  it('executes a job order stored and started over OPC UA, in its order', async () => {
    // EDD alone would turn O3 before O4: the job order asks M2 for O4 first.
    const order = jobOrder('plan-1/v1/M2', 'M2', [
      ['O4', 'turn'],
      ['O3', 'turn'],
    ]);
    const from = seen.length;
    expect(await call('M2', 'StoreAndStart', JSON.stringify(order))).toBe(RS.ok);
    // The same job order again: accepted, no second effect.
    expect(await call('M2', 'StoreAndStart', JSON.stringify(order))).toBe(RS.ok);
    expect(plant.plant.snapshot().rebuilds).toBe(1);
    plant.plant.setSpeed(600);
    const parts = await nodeAt('Machines', 'M2', 'Production', 'PartCount');
    const before = Number(await read(parts));
    await until('the job order ends', () => plant.plant.jobOrders.get(order.jobOrderId)?.state === 'ended');

    // What M2 worked on after the start, from the observations: O4 then O3 for the planned operation.
    const starts = turnsStarted(seen.slice(from), 'M2');
    expect(starts.filter((o) => o === 'O3' || o === 'O4')).toEqual(['O4', 'O3']);
    // The counters and states moved while it ran, in the address space too.
    await until('M2 counts parts', () => plant.plant.snapshot().machines[1]!.partCount > before);
    await new Promise((r) => setTimeout(r, 100));
    expect(Number(await read(parts))).toBeGreaterThan(before);
    // M2 works, then runs out of work once every order is done: its state goes from Executing to NotExecuting.
    await until('every order is done', () => plant.plant.snapshot().ordersDone === 4);
    await until('M2 stops executing', () =>
      seen.some((o) => o.asset === 'M2' && o.signal === 'itemState' && o.value === 'NotExecuting'),
    );
    const states = seen.filter((o) => o.asset === 'M2' && o.signal === 'itemState').map((o) => o.value);
    expect(states.indexOf('Executing')).toBeGreaterThanOrEqual(0);
    expect(states.lastIndexOf('NotExecuting')).toBeGreaterThan(states.indexOf('Executing'));
    const current = await nodeAt(
      'Machines',
      'M2',
      'MachineryBuildingBlocks',
      'MachineryItemState',
      'CurrentState',
    );
    await new Promise((r) => setTimeout(r, 100));
    expect((await read(current)).text).toBe('NotExecuting');
    const list = JSON.parse(
      String(await read(await nodeAt('Machines', 'M2', 'JobManagement', 'JobOrderControl', 'JobOrderList'))),
    );
    expect(list).toContainEqual({ jobOrderId: order.jobOrderId, state: 'ended' });
  });

  it('answers bad and conflicting job orders with their ReturnStatus and keeps running', async () => {
    expect(await call('M1', 'Store', 'not json')).toBe(RS.invalidJobOrder);
    expect(await call('M1', 'Store', JSON.stringify({ jobOrderId: 'x', machine: 'M1' }))).toBe(
      RS.invalidJobOrder,
    );
    const unknownOrder = jobOrder('bad/M1', 'M1', [['O-404', 'turn']]);
    expect(await call('M1', 'Store', JSON.stringify(unknownOrder))).toBe(RS.invalidJobOrder);
    const notHere = jobOrder('bad/M1', 'M1', [['O1', 'finish']]); // finish runs on M2 only
    expect(await call('M1', 'Store', JSON.stringify(notHere))).toBe(RS.invalidJobOrder);
    // A job order for M1 sent to M2's JobOrderControl.
    const forM1 = jobOrder('plan-2/v1/M1', 'M1', [['O1', 'turn']]);
    expect(await call('M2', 'Store', JSON.stringify(forM1))).toBe(RS.unknownMachine);
    expect(await call('M1', 'Store', JSON.stringify(forM1))).toBe(RS.ok);
    const changed = { ...forM1, planVersion: 2 };
    expect(await call('M1', 'Store', JSON.stringify(changed))).toBe(RS.conflictingJobOrder);
    expect(await call('M1', 'Start', 'no-such-job')).toBe(RS.unknownJobOrderId);
    expect(await call('M1', 'Cancel', forM1.jobOrderId)).toBe(RS.ok);
    expect(await call('M1', 'Start', forM1.jobOrderId)).toBe(RS.notAllowedInState);
    expect(await call('M1', 'Clear', forM1.jobOrderId)).toBe(RS.ok);
    expect(await call('M1', 'Start', forM1.jobOrderId)).toBe(RS.unknownJobOrderId);
    // Still serving, still simulating.
    const t = plant.plant.snapshot().simTimeS;
    await until('the plant keeps running', () => plant.plant.snapshot().simTimeS > t + 60);
    const state = await nodeAt(
      'Machines',
      'M2',
      'MachineryBuildingBlocks',
      'MachineryItemState',
      'CurrentState',
    );
    expect(typeof (await read(state)).text).toBe('string');
  });
});
