// An in-process OPC UA server implementing the job order contract (connectors/dispatch/job-order.ts):
// Objects/Machines/<machine>/JobManagement/JobOrderControl with Store and StoreAndStart.
import {
  DataType,
  StatusCodes,
  VariantArrayType,
  type CallMethodResultOptions,
  type ISessionContext,
  type Variant,
} from 'node-opcua';
import { initTestServer } from '../../opcua/__fixtures__/test-server.js';
import { JobOrderReceiver, type ReceiverBehaviour } from './job-order-receiver.js';

export interface JobOrderServer {
  endpointUrl: string;
  receiver: JobOrderReceiver;
  /** Node id of a machine object, for configurations that name it instead of browsing. */
  machineNodeId(machine: string): string;
  stop(): Promise<void>;
}

export async function startJobOrderServer(
  port: number,
  pkiFolder: string,
  machines: readonly string[],
  behaviour: ReceiverBehaviour = {},
): Promise<JobOrderServer> {
  const receiver = new JobOrderReceiver(machines, behaviour);
  const { server, addressSpace, namespace, endpointUrl } = await initTestServer({ port, pkiFolder });
  const folder = namespace.addFolder(addressSpace.rootFolder.objects, { browseName: 'Machines' });
  const machineIds = new Map<string, string>();
  for (const machine of machines) {
    const object = namespace.addObject({ organizedBy: folder, browseName: machine });
    machineIds.set(machine, object.nodeId.toString());
    const management = namespace.addObject({ componentOf: object, browseName: 'JobManagement' });
    const control = namespace.addObject({ componentOf: management, browseName: 'JobOrderControl' });
    for (const name of ['Store', 'StoreAndStart']) {
      const method = namespace.addMethod(control, {
        browseName: name,
        inputArguments: [{ name: 'JobOrder', dataType: DataType.String }],
        outputArguments: [{ name: 'ReturnStatus', dataType: DataType.UInt64 }],
      });
      // node-opcua tells the promise form from the callback form by the number of parameters: keep two.
      method.bindMethod(
        async (inputArguments: Variant[], _context: ISessionContext): Promise<CallMethodResultOptions> => {
          const delay = behaviour.delayMs?.[machine];
          if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
          const raw = inputArguments[0]?.value;
          if (typeof raw !== 'string') return { statusCode: StatusCodes.BadInvalidArgument };
          const status = receiver.receive(machine, raw, name === 'StoreAndStart');
          return {
            statusCode: StatusCodes.Good,
            // UInt64 travels as [high, low]; node-opcua needs the array type said explicitly.
            outputArguments: [
              { dataType: DataType.UInt64, arrayType: VariantArrayType.Scalar, value: [0, status] },
            ],
          };
        },
      );
    }
  }
  await server.start();
  return {
    endpointUrl,
    receiver,
    machineNodeId: (machine) => machineIds.get(machine) ?? '',
    stop: () => server.shutdown(0),
  };
}
