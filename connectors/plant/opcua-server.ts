import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  makeNodeId,
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAServer,
  SecurityPolicy,
  type UAObject,
} from 'node-opcua';
import { nodesets } from 'node-opcua-nodesets';
import type { Observation } from '../../twin/schema/observation.js';
import type { ObservationSink } from '../telemetry/observation-sink.js';
import {
  addMachine,
  initialValues,
  NS,
  type JobOrderControlHandlers,
  type MachineIdentity,
  type SignalSetter,
} from './opcua-address-space.js';
import type { MachineTelemetry } from './telemetry.js';

export interface PlantOpcuaOptions {
  host: string;
  port: number;
  /** Folder of the server's own certificate and of trusted/rejected client certificates. */
  pkiDir: string;
  /** Trust client certificates on first sight (a demo plant on loopback), else they land in `rejected`. */
  acceptUnknownCertificates: boolean;
}

export interface PlantOpcuaMachine {
  identity: MachineIdentity;
  /** Current values, so the address space reads right before the first observation arrives. */
  telemetry: MachineTelemetry;
  jobs: JobOrderControlHandlers;
}

/** The companion specifications loaded beside the base nodeset, in dependency order. */
const COMPANION_NODESETS = [
  nodesets.standard,
  nodesets.di,
  nodesets.ia,
  nodesets.machinery,
  nodesets.isa95JobControl,
  nodesets.machineryJobs,
];

/**
 * The embedded plant's OPC UA server (node-opcua): Objects/Machines after OPC 40001-1 with one object per
 * machine and its JobOrderControl. It is an ObservationSink: the plant's observations set its variables, with
 * the observation's source timestamp.
 */
export class PlantOpcuaServer implements ObservationSink {
  private readonly setters = new Map<string, Map<string, SignalSetter>>();
  /** Wall milliseconds from construction to listening (certificates, nodesets, address space). */
  startupMs = 0;

  private constructor(private readonly server: OPCUAServer) {}

  static async start(
    options: PlantOpcuaOptions,
    machines: readonly PlantOpcuaMachine[],
  ): Promise<PlantOpcuaServer> {
    const t0 = performance.now();
    const manager = (name: string) =>
      new OPCUACertificateManager({
        rootFolder: path.join(options.pkiDir, name),
        automaticallyAcceptUnknownCertificate: options.acceptUnknownCertificates,
      });
    const server = new OPCUAServer({
      host: options.host,
      port: options.port,
      nodeset_filename: COMPANION_NODESETS,
      serverCertificateManager: manager('own'),
      userCertificateManager: manager('users'),
      allowAnonymous: true,
      securityPolicies: [SecurityPolicy.None, SecurityPolicy.Basic256Sha256],
      securityModes: [MessageSecurityMode.None, MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt],
      buildInfo: { productName: 'shopfloor-twin embedded plant', manufacturerName: 'shopfloor-twin' },
      serverInfo: { applicationUri: 'urn:shopfloor-twin:embedded-plant', productUri: 'urn:shopfloor-twin' },
    });
    await server.initialize();
    const self = new PlantOpcuaServer(server);
    const addressSpace = server.engine.addressSpace!;
    const own = addressSpace.getOwnNamespace();
    const machinery = addressSpace.getNamespace(NS.machinery)!.index;
    const folder = addressSpace.findNode(makeNodeId(1001, machinery)) as UAObject; // Machinery: Objects/Machines
    for (const m of machines) {
      const setters = addMachine(addressSpace, own, folder, m.identity, m.jobs);
      self.setters.set(m.identity.id, setters);
      for (const [signal, value] of initialValues(m.telemetry)) setters.get(signal)?.(value, Date.now());
    }
    await server.start();
    self.startupMs = performance.now() - t0;
    return self;
  }

  get endpointUrl(): string {
    return this.server.getEndpointUrl();
  }

  accept(observations: readonly Observation[]): void {
    for (const o of observations) {
      const set = this.setters.get(o.asset)?.get(o.signal);
      if (!set) continue;
      try {
        set(o.value, o.sourceTs);
      } catch {
        // A value the address space refuses (e.g. a state name it does not know) changes nothing.
      }
    }
  }

  async stop(): Promise<void> {
    await this.server.shutdown(0);
  }
}
