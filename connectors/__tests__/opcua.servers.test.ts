// Smoke test of node-opcua: an in-process OPCUAServer with a Lathe01/SpindleLoad variable, and an OPCUAClient
// that browses, reads and subscribes to it. Needs no external server; certificates go to a temp folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AttributeIds,
  ClientMonitoredItem,
  ClientSubscription,
  DataType,
  MessageSecurityMode,
  OPCUAClient,
  SecurityPolicy,
  StatusCodes,
  TimestampsToReturn,
  Variant,
  type ClientSession,
  type DataValue,
  type OPCUAServer,
  type UAVariable,
} from 'node-opcua';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTimeout } from '../../test/servers.js';
import { initTestServer, testCertificateManager } from '../opcua/__fixtures__/test-server.js';

const PORT = 48401;

describe('OPC UA (node-opcua, in process)', () => {
  let pkiDir = '';
  let server: OPCUAServer | undefined;
  let client: OPCUAClient | undefined;
  let session: ClientSession | undefined;
  let spindleLoad: UAVariable;
  let latheNodeId = '';
  let spindleLoadNodeId = '';

  beforeAll(async () => {
    pkiDir = await mkdtemp(path.join(tmpdir(), 'shopfloor-twin-opcua-'));
    const test = await initTestServer({
      port: PORT,
      pkiFolder: pkiDir,
      productName: 'shopfloor-twin test server',
    });
    server = test.server;
    const { addressSpace, namespace } = test;
    const lathe = namespace.addObject({
      organizedBy: addressSpace.rootFolder.objects,
      browseName: 'Lathe01',
      nodeId: 's=Lathe01',
    });
    spindleLoad = namespace.addVariable({
      componentOf: lathe,
      browseName: 'SpindleLoad',
      nodeId: 's=Lathe01.SpindleLoad',
      dataType: 'Double',
      value: new Variant({ dataType: DataType.Double, value: 0.25 }),
    });
    latheNodeId = lathe.nodeId.toString();
    spindleLoadNodeId = spindleLoad.nodeId.toString();
    await server.start();

    client = OPCUAClient.create({
      applicationName: 'shopfloor-twin-test-client',
      securityMode: MessageSecurityMode.None,
      securityPolicy: SecurityPolicy.None,
      endpointMustExist: false,
      connectionStrategy: { maxRetry: 2, initialDelay: 250, maxDelay: 1_000 },
      clientCertificateManager: testCertificateManager(pkiDir, 'client'),
    });
    await client.connect(test.endpointUrl);
    session = await client.createSession();
  });

  afterAll(async () => {
    await session?.close().catch(() => undefined);
    await client?.disconnect().catch(() => undefined);
    await server?.shutdown(0).catch(() => undefined);
    if (pkiDir) await rm(pkiDir, { recursive: true, force: true });
  });

  const open = (): ClientSession => {
    if (!session) throw new Error('no OPC UA session');
    return session;
  };

  it('browses Lathe01 and reads SpindleLoad by node id', async () => {
    const browsed = await open().browse(latheNodeId);
    expect(browsed.statusCode).toBe(StatusCodes.Good);
    const reference = browsed.references?.find((ref) => ref.browseName.name === 'SpindleLoad');
    expect(reference?.nodeId.toString()).toBe(spindleLoadNodeId);

    const read = await open().read({ nodeId: spindleLoadNodeId, attributeId: AttributeIds.Value });
    expect(read.statusCode).toBe(StatusCodes.Good);
    expect(read.value.dataType).toBe(DataType.Double);
    expect(read.value.value).toBe(0.25);
  });

  it('notifies a monitored item when the server-side value changes', async () => {
    const subscription = ClientSubscription.create(open(), {
      requestedPublishingInterval: 100,
      requestedLifetimeCount: 100,
      requestedMaxKeepAliveCount: 10,
      maxNotificationsPerPublish: 100,
      publishingEnabled: true,
      priority: 1,
    });
    try {
      const seen: number[] = [];
      const waiters: { value: number; resolve: () => void }[] = [];
      const monitored = ClientMonitoredItem.create(
        subscription,
        { nodeId: spindleLoadNodeId, attributeId: AttributeIds.Value },
        { samplingInterval: 50, discardOldest: true, queueSize: 10 },
        TimestampsToReturn.Both,
      );
      monitored.on('changed', (dataValue: DataValue) => {
        const value = dataValue.value.value as number;
        seen.push(value);
        for (const waiter of waiters.filter((w) => w.value === value)) waiter.resolve();
      });
      const valueSeen = (value: number): Promise<void> =>
        seen.includes(value) ? Promise.resolve() : new Promise((resolve) => waiters.push({ value, resolve }));

      await withTimeout(valueSeen(0.25), 10_000, 'initial SpindleLoad notification');
      spindleLoad.setValueFromSource(new Variant({ dataType: DataType.Double, value: 0.8 }));
      await withTimeout(valueSeen(0.8), 10_000, 'SpindleLoad change notification');
      expect(seen).toEqual([0.25, 0.8]);
    } finally {
      await subscription.terminate();
    }
  });
});
