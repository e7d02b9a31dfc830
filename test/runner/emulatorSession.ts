import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANTS } from '../../src/emulator/demoIdentity';

/**
 * How VS Code is pointed at the local emulator: exactly as a user points it at a custom cloud.
 * The user settings name the cloud's endpoints; the service principal comes from the standard
 * @azure/identity environment variables (never from settings, so no secret lands in a file);
 * NODE_EXTRA_CA_CERTS makes Node in the extension host trust the emulator's self-signed certificate.
 */
export interface EmulatorSession {
  readonly emulator: RunningEmulator;
  /** Environment for the VS Code server (the extension host inherits it). */
  readonly env: NodeJS.ProcessEnv;
  /** User settings.json content that selects the emulator's cloud and the @azure/identity sign-in. */
  readonly settings: Record<string, unknown>;
}

export async function startEmulatorSession(options: EmulatorOptions = {}): Promise<EmulatorSession> {
  const emulator = await startEmulator({ port: 0, data: 'demo', ...options });
  return {
    emulator,
    env: {
      NODE_EXTRA_CA_CERTS: emulator.caCertificate,
      AZURE_TENANT_ID: DEMO_TENANTS.contoso.tenantId,
      AZURE_CLIENT_ID: DEMO_CLIENT_ID,
      AZURE_CLIENT_SECRET: DEMO_CLIENT_SECRET,
      // For the tests only (to reach /_emulator controls); the extension never reads it.
      RESTORE_POINTS_TEST_EMULATOR: JSON.stringify({ endpoint: emulator.endpoint, caCertificate: emulator.caCertificate }),
    },
    settings: emulatorSettings(emulator.endpoint),
  };
}

/** The user settings that select the emulator as a custom cloud and sign in with @azure/identity. */
export function emulatorSettings(endpoint: string): Record<string, unknown> {
  return {
    'microsoft-sovereign-cloud.environment': 'custom',
    'microsoft-sovereign-cloud.customEnvironment': {
      name: 'LocalEmulator',
      portalUrl: endpoint,
      resourceManagerEndpointUrl: `${endpoint}/`,
      activeDirectoryEndpointUrl: `${endpoint}/`,
      activeDirectoryResourceId: `${endpoint}/`,
    },
    'restorePoints.authentication': 'azureIdentity',
  };
}
