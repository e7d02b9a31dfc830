import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { startDemo } from './demo';

const USAGE = 'usage: npm start -- [--data demo|empty] [--port N] [--open]';

/** `npm start`: prints one URL to open in a browser; Ctrl+C stops everything it started. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { data: { type: 'string', default: 'demo' }, port: { type: 'string', default: '0' }, open: { type: 'boolean', default: false } },
  });
  const data = values.data;
  if (data !== 'demo' && data !== 'empty') {
    throw new UsageError(`--data must be demo or empty, not '${data}'`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a port number from 0 to 65535, not '${values.port}'`);
  }

  const demo = await startDemo({ data, port, log: (line) => process.stderr.write(`${line}\n`) });
  process.stderr.write(`VS Code ${demo.vscodeVersion} with Restore Points, against the local ARM emulator (${data} data) at ${demo.session.emulator.endpoint}.\nOpen this URL in a browser; Ctrl+C stops everything.\n`);
  process.stdout.write(`${demo.url}\n`);
  if (values.open) {
    openInBrowser(demo.url);
  }

  let stopping = false;
  const stop = (): void => {
    if (!stopping) {
      stopping = true;
      void demo.stop().then(() => process.exit(0));
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  void demo.server.exited.then((code) => {
    if (!stopping) {
      process.stderr.write(`The VS Code server stopped (exit ${code}).\n${demo.server.log()}\n`);
      void demo.session.emulator.stop().then(() => process.exit(1));
    }
  });
}

function openInBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`No browser could be opened (${opener} is not available): open the URL by hand.\n`));
  child.unref();
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
