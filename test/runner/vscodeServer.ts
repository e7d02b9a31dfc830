import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InstalledVSCode } from './installVSCode';
import { loopbackDirect } from './loopbackDirect';

export interface ServerOptions {
  readonly vscode: InstalledVSCode;
  /** Per-run folder for the server's and the user's data (settings, global state, logs). */
  readonly dataDir: string;
  /** Written to <user-data-dir>/User/settings.json before start. */
  readonly settings?: Record<string, unknown>;
  /**
   * Written to the server's machine settings (<user-data-dir>/Machine/settings.json when
   * --user-data-dir is given; the "Remote" tab of the Settings editor). The workbench is remote to the server, so VS Code takes
   * machine-scoped settings from there only, never from the user's settings.
   */
  readonly machineSettings?: Record<string, unknown>;
  /** Extra environment for the server; it reaches the extension host too. */
  readonly env?: NodeJS.ProcessEnv;
  /** Extensions installed into the server before it starts (paths to .vsix files). */
  readonly installExtensions?: readonly string[];
  readonly port?: number;
}

export interface RunningServer {
  readonly port: number;
  /** Where the server and the extension hosts it starts write their log files. */
  readonly logsDir: string;
  readonly baseUrl: string;
  /** Everything the server printed so far. */
  log(): string;
  /** Resolves when the server process has ended. */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

const READY = /Extension host agent listening on (\d+)/;

/**
 * The folder a server started with this data folder writes its logs to: `logs` of the user data
 * folder, one subfolder per start, with the server's logs and one folder per extension host.
 */
export function serverLogsDir(dataDir: string): string {
  return path.join(dataDir, 'user-data', 'logs');
}

/** Starts the plain VS Code server (not code-server's CLI, which rejects unknown flags). */
export async function startVSCodeServer(options: ServerOptions): Promise<RunningServer> {
  const userDataDir = path.join(options.dataDir, 'user-data');
  const serverDataDir = path.join(options.dataDir, 'server-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(serverDataDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(options.settings ?? {}, null, 2));
  fs.mkdirSync(path.join(userDataDir, 'Machine'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'Machine', 'settings.json'), JSON.stringify(options.machineSettings ?? {}, null, 2));

  const common = [
    '--server-data-dir', serverDataDir,
    '--user-data-dir', userDataDir,
    '--accept-server-license-terms',
  ];
  const serverMain = path.join(options.vscode.vscodeDir, 'out', 'server-main.js');
  for (const vsix of options.installExtensions ?? []) {
    await runToEnd(spawn(process.execPath, [serverMain, ...common, '--install-extension', vsix], { env: { ...process.env, ...loopbackDirect(process.env), ...options.env } }));
  }

  const child = spawn(process.execPath, [
    serverMain, ...common,
    '--host', '127.0.0.1',
    '--port', String(options.port ?? 0),
    '--without-connection-token',
    '--telemetry-level', 'off',
    '--disable-workspace-trust',
  ], { env: { ...process.env, ...loopbackDirect(process.env), ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });

  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = READY.exec(output);
      if (match) {
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`VS Code server exited with code ${code} before it was ready:\n${output}`)));
    setTimeout(() => reject(new Error(`VS Code server was not ready within 60 s:\n${output}`)), 60_000).unref();
  });

  return {
    port,
    logsDir: serverLogsDir(options.dataDir),
    baseUrl: `http://127.0.0.1:${port}`,
    log: () => output,
    exited,
    stop: () => stopProcess(child, exited),
  };
}

async function stopProcess(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function runToEnd(child: ChildProcess): Promise<void> {
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}: ${output}`)))));
}

/**
 * The workbench URL that opens `folder` and, through the web client's payload, loads an extension
 * under development and a test entry: the server itself does not accept those flags. `logLevel`
 * is the payload's form of the desktop `--log` flag, e.g. `publisher.name:trace` for one
 * extension's log channels: the extension host's log levels come from the web client, so the
 * server's own `--log` flag does not reach them.
 */
export function workbenchUrl(server: RunningServer, folder: string, payload: { extensionDevelopmentPath?: string; extensionTestsPath?: string; logLevel?: string } = {}): string {
  const remote = (p: string): string => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const entries: [string, string][] = [];
  if (payload.extensionDevelopmentPath) {
    entries.push(['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)]);
  }
  if (payload.extensionTestsPath) {
    entries.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
  }
  if (payload.logLevel) {
    entries.push(['logLevel', payload.logLevel]);
  }
  const query = new URLSearchParams({ folder });
  if (entries.length > 0) {
    query.set('payload', JSON.stringify(entries));
  }
  return `${server.baseUrl}/?${query.toString()}`;
}
