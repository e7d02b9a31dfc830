import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { EmulatorApp, type Logger } from './app';
import type { IdentityMode } from './auth/tokens';
import { ARM_LIMITS, type ThrottleLimits } from './controls/throttling';
import type { EmulatorControls } from './controls/controls';
import { loadDataSet, type DataSetName } from './data';
import { Clock } from './engine/clock';
import { EmulatorState } from './engine/state';
import { createCertificate } from './tls';

export type { EmulatorControls, RequestLogEntry } from './controls/controls';
export type { FaultSpec } from './controls/faults';
export { ARM_LIMITS, type ThrottleLimits } from './controls/throttling';
export type { DataSetName } from './data';
export type { IdentityMode } from './auth/tokens';
export type { FailureKind } from './engine/state';
export { CONTROL_PREFIX } from './app';
export { demoCatalog } from './data/demoCatalog';
export * from './demoIdentity';

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  data?: DataSetName;
  /** Divides the durations of long-running work (creation ~3 s, cross-region replication ~60 s). */
  pace?: number;
  /** Freeze time; only `controls.clock.advance` moves it. */
  manualClock?: boolean;
  /** Address to listen on; 127.0.0.1 unless a test needs otherwise. */
  host?: string;
  /**
   * Other host names the emulator answers to: its certificate covers them, and a request that
   * reached it by one of them is answered in that name (token issuers, next links), as a client
   * that reaches it through a proxy, by a name only the proxy resolves, expects.
   */
  alsoKnownAs?: readonly string[];
  /** Receives one human-readable line per request (never headers or tokens). */
  log?: Logger;
  /** The identity provider: Microsoft Entra ID's endpoints (default) or AD FS's (`/adfs/...`), as Azure Stack Hub disconnected. */
  identity?: IdentityMode;
  /** ARM's throttling (off by default): `true` for ARM's limits, or other bucket sizes and rates. */
  throttling?: boolean | Partial<ThrottleLimits>;
}

export interface RunningEmulator {
  /** `https://127.0.0.1:<port>`: the ARM endpoint and the identity authority host. */
  endpoint: string;
  /** Absolute path of the PEM to trust for `endpoint`. */
  caCertificate: string;
  controls: EmulatorControls;
  stop(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const pace = options.pace ?? 1;
  if (!(pace > 0) || !Number.isFinite(pace)) throw new RangeError('pace must be a positive number');
  const state = new EmulatorState(new Clock(options.manualClock ?? false), pace);
  state.identity = options.identity ?? 'entra';
  const throttling = options.throttling ?? false;
  const app = new EmulatorApp(state, options.log, { enabled: throttling !== false, limits: { ...ARM_LIMITS, ...(typeof throttling === 'object' ? throttling : {}) } });
  const pendingCertificate = createCertificate(host, options.alsoKnownAs);
  loadDataSet(state, options.data ?? 'demo');
  const certificate = await pendingCertificate;
  const sockets = new Set<Socket>();
  const server: Server = createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
    void app.handle(req, res);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', () => app.tlsConnections++);
  // A client that breaks the TLS handshake or sends garbage must not take the process down.
  server.on('tlsClientError', () => undefined);
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  app.endpoint = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  for (const name of options.alsoKnownAs ?? []) app.alsoKnownAs.add(`${name.toLowerCase()}:${port}`);

  let stopped: Promise<void> | undefined;
  return {
    endpoint: app.endpoint,
    caCertificate: certificate.pemPath,
    controls: app.controls,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.close(() => {
          certificate.dispose();
          resolve();
        });
        for (const socket of sockets) socket.destroy();
      })),
  };
}
