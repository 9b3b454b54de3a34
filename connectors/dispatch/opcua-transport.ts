import {
  BrowseDirection,
  DataType,
  NodeClass,
  Variant,
  type ClientSession,
  type NodeIdLike,
  type OPCUAClient,
} from 'node-opcua';
import type { ConnectorLogger } from '../ingest/logger.js';
import { createOpcUaClient, userIdentity } from '../opcua/connection.js';
import type { OpcUaDispatchConfig } from './config.js';
import { JOB_ORDER_RETURN_STATUS, type JobOrder } from './job-order.js';
import { outcomeOf, type JobOrderOutcome, type JobOrderTransport } from './transport.js';

interface MethodTarget {
  objectId: string;
  methodId: string;
}

/**
 * Job orders over OPC UA ISA-95 Job Control: `<machine>/JobManagement/JobOrderControl.Store|StoreAndStart(JobOrder)`
 * → ReturnStatus (connectors/dispatch/job-order.ts). The machine object is the child of the `machinesFolder`
 * (under Objects) whose browse name is the machine id, or a configured node id. Names are matched without their
 * namespace, since servers place the Machinery and ISA-95 parts in namespaces of their own.
 */
export class OpcUaJobOrderTransport implements JobOrderTransport {
  private readonly client: OPCUAClient;
  private session: ClientSession | undefined;
  private readonly targets = new Map<string, MethodTarget>();

  constructor(
    private readonly config: OpcUaDispatchConfig,
    private readonly logger: ConnectorLogger,
  ) {
    this.client = createOpcUaClient(config.connection);
    this.client.on('connection_lost', () =>
      logger.warn('opcua dispatch: connection lost, reconnecting', {
        endpoint: config.connection.endpointUrl,
      }),
    );
  }

  async connect(): Promise<void> {
    await this.client.connect(this.config.connection.endpointUrl);
    this.session = await this.client.createSession(userIdentity(this.config.connection));
  }

  async send(order: JobOrder): Promise<JobOrderOutcome> {
    const session = this.session;
    if (!session) throw new Error('opcua dispatch: not connected');
    const target = await this.target(session, order.machine);
    if (!target) {
      return outcomeOf(
        JOB_ORDER_RETURN_STATUS.unknownMachine,
        `no JobOrderControl ${this.config.method} for ${order.machine}`,
      );
    }
    const result = await session.call({
      objectId: target.objectId,
      methodId: target.methodId,
      inputArguments: [new Variant({ dataType: DataType.String, value: JSON.stringify(order) })],
    });
    if (!result.statusCode.isGood()) {
      return { status: 'rejected', reason: `${this.config.method} failed: ${result.statusCode.name}` };
    }
    const returnStatus = uint64(result.outputArguments?.[0]?.value);
    if (returnStatus === undefined)
      return { status: 'rejected', reason: `${this.config.method} returned no ReturnStatus` };
    return outcomeOf(returnStatus);
  }

  async close(): Promise<void> {
    await this.session?.close().catch(() => undefined);
    this.session = undefined;
    await this.client.disconnect().catch(() => undefined);
  }

  /** Browse once per machine; the answer is cached (node ids are stable on a server). */
  private async target(session: ClientSession, machine: string): Promise<MethodTarget | undefined> {
    const cached = this.targets.get(machine);
    if (cached) return cached;
    const machineNode =
      this.config.machineNodeIds?.[machine] ??
      (await child(session, await child(session, 'i=85', this.config.machinesFolder), machine));
    const control = await child(
      session,
      await child(session, machineNode, 'JobManagement'),
      'JobOrderControl',
    );
    const method = await child(session, control, this.config.method, NodeClass.Method);
    if (!control || !method) return undefined;
    const target = { objectId: control, methodId: method };
    this.targets.set(machine, target);
    return target;
  }
}

/** The node id of the child of `parent` whose browse name (any namespace) is `name`. */
async function child(
  session: ClientSession,
  parent: NodeIdLike | undefined,
  name: string,
  nodeClass: NodeClass = NodeClass.Unspecified,
): Promise<string | undefined> {
  if (parent === undefined) return undefined;
  const result = await session.browse({
    nodeId: parent,
    browseDirection: BrowseDirection.Forward,
    referenceTypeId: 'HierarchicalReferences',
    includeSubtypes: true,
    nodeClassMask: nodeClass,
    resultMask: 0x3f,
  });
  return result.references?.find((ref) => ref.browseName.name === name)?.nodeId.toString();
}

/** UInt64 comes as [high, low]; small numbers may come as a plain number. */
function uint64(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (Array.isArray(value) && value.length === 2)
    return (value[0] as number) * 0x100000000 + (value[1] as number);
  return undefined;
}
