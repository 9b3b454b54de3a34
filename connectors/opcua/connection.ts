import {
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAClient,
  SecurityPolicy,
  UserTokenType,
  type UserIdentityInfo,
} from 'node-opcua';
import type { OpcUaConnectionConfig } from './config.js';

const MODES: Record<string, MessageSecurityMode> = {
  None: MessageSecurityMode.None,
  Sign: MessageSecurityMode.Sign,
  SignAndEncrypt: MessageSecurityMode.SignAndEncrypt,
};

/**
 * An OPCUAClient for a connection configuration: security mode and policy, its own certificate in the PKI
 * folder (created on first use), and reconnection with exponential backoff that never gives up. The client
 * re-activates or re-creates its session and subscriptions by itself after a connection loss.
 */
export function createOpcUaClient(config: OpcUaConnectionConfig): OPCUAClient {
  const mode = config.securityMode ?? 'None';
  return OPCUAClient.create({
    applicationName: config.applicationName,
    securityMode: MODES[mode] ?? MessageSecurityMode.None,
    securityPolicy: mode === 'None' ? SecurityPolicy.None : SecurityPolicy.Basic256Sha256,
    endpointMustExist: false,
    keepSessionAlive: true,
    requestedSessionTimeout: 60_000,
    connectionStrategy: {
      maxRetry: -1,
      initialDelay: config.reconnect.initialDelayMs,
      maxDelay: config.reconnect.maxDelayMs,
      randomisationFactor: 0.1,
    },
    clientCertificateManager: new OPCUACertificateManager({
      rootFolder: config.pkiFolder,
      automaticallyAcceptUnknownCertificate: config.trustUnknownServers,
    }),
  });
}

/** Anonymous, or user name and password when configured. */
export function userIdentity(config: OpcUaConnectionConfig): UserIdentityInfo {
  return config.username
    ? { type: UserTokenType.UserName, userName: config.username, password: config.password ?? '' }
    : { type: UserTokenType.Anonymous };
}
