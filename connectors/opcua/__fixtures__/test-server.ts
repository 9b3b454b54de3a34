// The set-up every in-process OPC UA test server shares: node-opcua on 127.0.0.1 (endpoint named `localhost`),
// anonymous access, certificate stores under `pkiFolder` that trust any peer. The caller adds its nodes to
// `namespace`, then calls `server.start()`.
import path from 'node:path';
import {
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAServer,
  SecurityPolicy,
  type AddressSpace,
  type Namespace,
} from 'node-opcua';

export interface TestServerOptions {
  port: number;
  pkiFolder: string;
  /** Accept Sign and SignAndEncrypt (Basic256Sha256) and this user, besides anonymous None. */
  secure?: { user: string; password: string } | undefined;
  productName?: string;
}

export interface TestServer {
  server: OPCUAServer;
  addressSpace: AddressSpace;
  /** The server's own namespace (ns=1). */
  namespace: Namespace;
  endpointUrl: string;
}

/** A certificate store `<pkiFolder>/<name>` that trusts unknown certificates (servers and clients alike). */
export function testCertificateManager(pkiFolder: string, name: string): OPCUACertificateManager {
  return new OPCUACertificateManager({
    rootFolder: path.join(pkiFolder, name),
    automaticallyAcceptUnknownCertificate: true,
  });
}

/** An initialized, not yet listening server. */
export async function initTestServer(options: TestServerOptions): Promise<TestServer> {
  const { secure } = options;
  const server = new OPCUAServer({
    port: options.port,
    host: '127.0.0.1',
    hostname: 'localhost',
    allowAnonymous: true,
    securityPolicies: secure ? [SecurityPolicy.None, SecurityPolicy.Basic256Sha256] : [SecurityPolicy.None],
    securityModes: secure
      ? [MessageSecurityMode.None, MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt]
      : [MessageSecurityMode.None],
    serverCertificateManager: testCertificateManager(options.pkiFolder, 'server'),
    userCertificateManager: testCertificateManager(options.pkiFolder, 'user'),
    userManager: secure
      ? {
          isValidUser: (user: string, password: string) =>
            user === secure.user && password === secure.password,
        }
      : undefined,
    ...(options.productName && { buildInfo: { productName: options.productName } }),
  });
  await server.initialize();
  const addressSpace = server.engine.addressSpace;
  if (!addressSpace) throw new Error('the OPC UA server has no address space');
  return {
    server,
    addressSpace,
    namespace: addressSpace.getOwnNamespace(),
    endpointUrl: `opc.tcp://localhost:${options.port}`,
  };
}
