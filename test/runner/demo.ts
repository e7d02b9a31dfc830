import * as fs from 'node:fs';
import * as path from 'node:path';
import { useProjectTempDir } from './chromium';
import { startEmulatorSession, type EmulatorSession } from './emulatorSession';
import { ensureVSCode } from './installVSCode';
import { cacheDir, repoRoot } from './paths';
import { startVSCodeServer, workbenchUrl, type RunningServer } from './vscodeServer';

export interface DemoOptions {
  readonly data?: 'demo' | 'empty';
  /** The VS Code server's port; 0 picks a free one. */
  readonly port?: number;
  /** Freeze the emulator's clock (UI tests move it themselves). */
  readonly manualClock?: boolean;
  /**
   * Shortens the extension's waits between reads of an operation or a copy's replication
   * (RESTORE_POINTS_POLL_INTERVAL_MS, read only under development) for a clock the caller moves.
   */
  readonly pollIntervalMs?: number;
  /** Folder for this demo's profile; replaced at each start. */
  readonly dataDir?: string;
  readonly log?: (line: string) => void;
}

export interface RunningDemo {
  /** The one URL a person opens: the workbench with the extension under development loaded. */
  readonly url: string;
  readonly vscodeVersion: string;
  readonly session: EmulatorSession;
  readonly server: RunningServer;
  stop(): Promise<void>;
}

/**
 * The extension in a real VS Code (the same offline build the tests use) against the local ARM
 * emulator, signed in through the custom-cloud path: what `npm start` runs and the UI tests load.
 */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  useProjectTempDir();
  const vscode = ensureVSCode(options.log);
  const session = await startEmulatorSession({ data: options.data ?? 'demo', manualClock: options.manualClock ?? false });
  const dataDir = options.dataDir ?? path.join(cacheDir, 'start');
  // A fresh profile each start: the demo always opens signed in with every subscription shown.
  fs.rmSync(dataDir, { recursive: true, force: true });
  const workspace = path.join(dataDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  let server: RunningServer;
  try {
    server = await startVSCodeServer({
      vscode,
      dataDir,
      port: options.port ?? 0,
      env: { ...session.env, ...(options.pollIntervalMs ? { RESTORE_POINTS_POLL_INTERVAL_MS: String(options.pollIntervalMs) } : {}) },
      // The demo's workspace folder sits inside this repository: keep Git from offering to open it.
      settings: { 'workbench.startupEditor': 'none', 'extensions.autoCheckUpdates': false, 'git.openRepositoryInParentFolders': 'never', ...session.settings },
      machineSettings: session.machineSettings,
    });
  } catch (error) {
    await session.emulator.stop();
    throw error;
  }
  return {
    url: workbenchUrl(server, workspace, { extensionDevelopmentPath: repoRoot }),
    vscodeVersion: vscode.version,
    session,
    server,
    stop: async () => {
      await Promise.all([server.stop(), session.emulator.stop()]);
    },
  };
}
