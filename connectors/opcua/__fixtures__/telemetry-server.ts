// An in-process node-opcua server with a Machines folder of machines and their process variables, which a test
// can stop and start again on the same port (the address space is rebuilt the same way, node ids included).
import { DataType, StatusCodes, Variant, type StatusCode, type UAVariable } from 'node-opcua';
import { initTestServer, type TestServerOptions } from './test-server.js';

export interface TelemetryServer {
  endpointUrl: string;
  /** Set a variable's value (and status) from the source, e.g. set('Lathe01', 'SpindleLoad', 0.8). */
  set(machine: string, variable: string, value: Variant, status?: StatusCode): void;
  stop(): Promise<void>;
}

export const MACHINE_VARIABLES = [
  { name: 'SpindleLoad', dataType: DataType.Double, initial: 0.25 },
  { name: 'Temperature', dataType: DataType.Double, initial: 21.5 },
  { name: 'State', dataType: DataType.String, initial: 'idle' },
  { name: 'PartCount', dataType: DataType.UInt32, initial: 0 },
] as const;

export interface TelemetryServerOptions extends Omit<TestServerOptions, 'productName'> {
  machines: readonly string[];
}

export async function startTelemetryServer(options: TelemetryServerOptions): Promise<TelemetryServer> {
  const { server, addressSpace, namespace, endpointUrl } = await initTestServer({
    ...options,
    productName: 'shopfloor-twin telemetry fixture',
  });
  const machinesFolder = namespace.addFolder(addressSpace.rootFolder.objects, {
    browseName: 'Machines',
    nodeId: 's=Machines',
  });
  const variables = new Map<string, UAVariable>();
  for (const machine of options.machines) {
    const object = namespace.addObject({
      organizedBy: machinesFolder,
      browseName: machine,
      nodeId: `s=${machine}`,
    });
    for (const spec of MACHINE_VARIABLES) {
      variables.set(
        `${machine}.${spec.name}`,
        namespace.addVariable({
          componentOf: object,
          browseName: spec.name,
          nodeId: `s=${machine}.${spec.name}`,
          dataType: spec.dataType,
          value: new Variant({ dataType: spec.dataType, value: spec.initial }),
        }),
      );
    }
    // A loosely typed variable: any Variant fits, so a test can send a value of the wrong kind.
    variables.set(
      `${machine}.Raw`,
      namespace.addVariable({
        componentOf: object,
        browseName: 'Raw',
        nodeId: `s=${machine}.Raw`,
        dataType: 'BaseDataType',
        value: new Variant({ dataType: DataType.Double, value: 1 }),
      }),
    );
  }
  await server.start();
  return {
    endpointUrl,
    set(machine, variable, value, status = StatusCodes.Good) {
      const node = variables.get(`${machine}.${variable}`);
      if (!node) throw new Error(`no variable ${machine}.${variable}`);
      node.setValueFromSource(value, status);
    },
    async stop() {
      await server.shutdown(0);
    },
  };
}
