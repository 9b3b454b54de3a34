// A node-opcua server in a process of its own, so a test can kill it (SIGKILL) and start it again on the same
// port. Usage: node telemetry-server-process.mjs <port> <pkiFolder>. Prints "ready" once it listens. Lathe01's
// SpindleLoad (ns=1;s=Lathe01.SpindleLoad) counts up every 100 ms from 1000 × the start count given as argv[4].
import path from 'node:path';
import { DataType, OPCUACertificateManager, OPCUAServer, Variant } from 'node-opcua';

const [, , port, pki, base = '0'] = process.argv;
const manager = (name) =>
  new OPCUACertificateManager({
    rootFolder: path.join(pki, name),
    automaticallyAcceptUnknownCertificate: true,
  });
const server = new OPCUAServer({
  port: Number(port),
  host: '127.0.0.1',
  hostname: 'localhost',
  serverCertificateManager: manager('server'),
  userCertificateManager: manager('user'),
});
await server.initialize();
const addressSpace = server.engine.addressSpace;
const namespace = addressSpace.getOwnNamespace();
const lathe = namespace.addObject({
  organizedBy: addressSpace.rootFolder.objects,
  browseName: 'Lathe01',
  nodeId: 's=Lathe01',
});
const load = namespace.addVariable({
  componentOf: lathe,
  browseName: 'SpindleLoad',
  nodeId: 's=Lathe01.SpindleLoad',
  dataType: 'Double',
  value: new Variant({ dataType: DataType.Double, value: Number(base) * 1000 }),
});
let n = Number(base) * 1000;
setInterval(() => load.setValueFromSource(new Variant({ dataType: DataType.Double, value: ++n })), 100);
await server.start();
process.stdout.write('ready\n');
