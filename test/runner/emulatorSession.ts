import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANTS } from '../../src/emulator/demoIdentity';

/**
 * How VS Code is pointed at the local emulator: exactly as a user points it at a custom cloud.
 * The user settings name the cloud's endpoints; the service principal comes from the standard
 * @azure/identity environment variables (never from settings, so no secret lands in a file).
 * The emulator's self-signed certificate is trusted through the extension's CA file setting, as an
 * Azure Stack Hub user trusts a private CA (machine-scoped, so in the server's machine settings,
 * where a remote user sets it too): VS Code's proxy support replaces the extension host's
 * CA list with the system certificates, which drops NODE_EXTRA_CA_CERTS. The variable stays set for
 * other Node processes VS Code may start.
 */
export interface EmulatorSession {
  readonly emulator: RunningEmulator;
  /** Environment for the VS Code server (the extension host inherits it). */
  readonly env: NodeJS.ProcessEnv;
  /** User settings.json content that selects the emulator's cloud and the @azure/identity sign-in. */
  readonly settings: Record<string, unknown>;
  /** Machine settings: the emulator's CA file (a machine-scoped setting, the path is the server's). */
  readonly machineSettings: Record<string, unknown>;
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
    settings: emulatorSettings(emulator),
    machineSettings: { 'restorePoints.customCloud.certificateAuthorityFile': emulator.caCertificate },
  };
}

/** The user settings that select the emulator as a custom cloud and sign in with @azure/identity. */
export function emulatorSettings({ endpoint }: { endpoint: string }): Record<string, unknown> {
  return {
    'microsoft-sovereign-cloud.environment': 'custom',
    'microsoft-sovereign-cloud.customEnvironment': {
      name: 'LocalEmulator',
      portalUrl: endpoint,
      managementEndpointUrl: `${endpoint}/`,
      resourceManagerEndpointUrl: `${endpoint}/`,
      activeDirectoryEndpointUrl: `${endpoint}/`,
      activeDirectoryResourceId: `${endpoint}/`,
    },
    'restorePoints.authentication': 'azureIdentity',
    'restorePoints.azureIdentity.credential': 'environment',
  };
}
