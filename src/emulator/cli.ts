import { parseArgs } from 'node:util';
import { IDENTITY_MODES, type IdentityMode } from './auth/tokens';
import { DATA_SETS, type DataSetName } from './data';
import { startEmulator } from './index';

const USAGE = 'usage: npm run emulator -- [--port N] [--data demo|empty] [--pace N] [--identity entra|adfs]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { port?: string; data?: string; pace?: string; identity?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { port: { type: 'string' }, data: { type: 'string' }, pace: { type: 'string' }, identity: { type: 'string' }, help: { type: 'boolean' } } }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0..65535, not '${values.port}'`);
  const data = (values.data ?? 'demo') as DataSetName;
  if (!DATA_SETS.includes(data)) fail(`--data must be one of ${DATA_SETS.join(', ')}`);
  const pace = Number(values.pace ?? 1);
  if (!(pace > 0)) fail(`--pace must be a positive number, not '${values.pace}'`);
  const identity = (values.identity ?? 'entra') as IdentityMode;
  if (!IDENTITY_MODES.includes(identity)) fail(`--identity must be one of ${IDENTITY_MODES.join(', ')}`);

  const emulator = await startEmulator({ port, data, pace, identity, log: (line) => process.stderr.write(`[emulator] ${line}\n`) });
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`[emulator] ${signal}: stopping\n`);
    void emulator.stop().then(() => process.exit(0));
  };
  // Handlers first: whoever reads the ready line may signal at once.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  process.stderr.write(`[emulator] ARM emulator listening on ${emulator.endpoint} with the '${data}' data set (pace ${pace}, ${identity === 'adfs' ? `AD FS sign-in at ${emulator.endpoint}/adfs` : 'Microsoft Entra ID sign-in'}); trust ${emulator.caCertificate}\n`);
  // The one machine-readable line; everything else goes to stderr.
  process.stdout.write(`${JSON.stringify({ endpoint: emulator.endpoint, caCertificate: emulator.caCertificate })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[emulator] failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
