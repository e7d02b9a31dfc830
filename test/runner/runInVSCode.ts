import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { launchChromium, useProjectTempDir } from './chromium';
import { PROXIED_EMULATOR_HOST } from '../support/connectProxy';
import { startEmulatorSession, type EmulatorSession } from './emulatorSession';
import { ensureVSCode } from './installVSCode';
import { cacheDir, integrationEntry, repoRoot } from './paths';
import { serverLogsDir, startVSCodeServer, workbenchUrl } from './vscodeServer';

export interface TestRunOptions {
  /** Environment for the extension host (it inherits the server's environment). */
  readonly env?: NodeJS.ProcessEnv;
  /** How long the whole run may take before it counts as hung. */
  readonly timeoutMs?: number;
  readonly settings?: Record<string, unknown>;
  /** The test entry (defaults to the integration suite). */
  readonly testsEntry?: string;
  /** The extension under development (defaults to this repository). */
  readonly extensionDevelopmentPath?: string;
  /** .vsix files installed into the server before it starts. */
  readonly installExtensions?: readonly string[];
  /** Start the local ARM emulator (demo data, manual clock) and point VS Code at it; default true. */
  readonly emulator?: boolean;
  /**
   * The log level of the extension under development's log channels; default trace, so that every
   * run writes everything the extension can log and the log secrets test has all of it to search.
   */
  readonly extensionLogLevel?: 'off' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  /** Prints the mocha output coming from the extension host. */
  readonly print?: (line: string) => void;
}

/**
 * How the run ended: mocha finished and wrote its results; the extension host gave an exit code
 * without results (it died before mocha ended); or no exit code came at all.
 */
export type RunEnding = 'finished' | 'no-results' | 'host-died' | 'server-died' | 'timeout';

export interface TestRunResult {
  readonly exitCode: number;
  readonly ending: RunEnding;
  readonly passed: number;
  readonly failed: number;
  readonly vscodeVersion: string;
}

/** What test/integration/index.ts writes when mocha ends, as a second channel beside the exit code. */
export interface ResultsFile {
  passes: number;
  failures: number;
}

/** The workbench asks the marketplace for updates; with no internet that fails harmlessly. */
const OFFLINE_NOISE = /open-vsx\.org|ENOTFOUND|\[Service Worker\]/;

/** How long we wait for the exit code after the extension host died on its own. */
const GRACE_AFTER_HOST_EXIT_MS = 10_000;

/**
 * Runs the integration test entry inside a real VS Code extension host: VS Code server + headless
 * Chromium as its client. The extension host hands its exit code to the page through
 * window.codeAutomationExit and mocha's output through window.codeAutomationLog; the server log's
 * own "exited with code" line says 0 even for failing runs, so it is not trusted.
 */
export async function runTestsInVSCode(options: TestRunOptions = {}): Promise<TestRunResult> {
  const print = options.print ?? ((line: string) => process.stdout.write(line + '\n'));
  useProjectTempDir();
  const vscode = ensureVSCode(print);
  print(`Running integration tests in VS Code ${vscode.version}`);

  const runDir = fs.mkdtempSync(path.join(cacheDir, 'run-'));
  const resultsFile = path.join(runDir, 'results.json');
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(workspace);
  let emulator: EmulatorSession | undefined;
  let server: Awaited<ReturnType<typeof startVSCodeServer>> | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    // Tests move the emulator's clock themselves, so what the tree shows is deterministic.
    emulator = options.emulator === false ? undefined : await startEmulatorSession({ manualClock: true, alsoKnownAs: [PROXIED_EMULATOR_HOST] });
    server = await startVSCodeServer({
      vscode,
      dataDir: runDir,
      // RESTORE_POINTS_TEST_LOGS: where the tests find the log files of this run (test/support/logSecrets.ts).
      env: { ...emulator?.env, ...options.env, RESTORE_POINTS_TEST_RESULTS: resultsFile, RESTORE_POINTS_TEST_LOGS: serverLogsDir(runDir) },
      installExtensions: options.installExtensions,
      settings: { 'workbench.startupEditor': 'none', 'extensions.autoCheckUpdates': false, ...emulator?.settings, ...options.settings },
      machineSettings: emulator?.machineSettings,
    });
    browser = await launchChromium();
    const page = await browser.newPage();
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const line = util.format(...args);
      if (!OFFLINE_NOISE.test(line)) {
        print(line);
      }
    });
    await page.goto(workbenchUrl(server, workspace, {
      extensionDevelopmentPath: options.extensionDevelopmentPath ?? repoRoot,
      extensionTestsPath: options.testsEntry ?? integrationEntry,
      logLevel: `${extensionId(options.extensionDevelopmentPath ?? repoRoot)}:${options.extensionLogLevel ?? 'trace'}`,
    }));

    const code = await Promise.race([
      exitCode,
      hostDied(server.log).then(() => delay(GRACE_AFTER_HOST_EXIT_MS)).then(() => 'host-died' as const),
      server.exited.then(() => 'server-died' as const),
      // The whole integration suite is one run; on two busy shared cores it has taken more than ten minutes.
      delay(options.timeoutMs ?? 25 * 60_000).then(() => 'timeout' as const),
    ]);
    if (typeof code !== 'number') {
      print(`The VS Code test run ended without an exit code (${code}). Server log:\n${server.log()}`);
      return { exitCode: 1, ending: code, passed: 0, failed: 0, vscodeVersion: vscode.version };
    }
    const results = readResults(resultsFile);
    if (!results) {
      print(`The extension host gave exit code ${code} but wrote no results. Server log:\n${server.log()}`);
      return { exitCode: 1, ending: 'no-results', passed: 0, failed: 0, vscodeVersion: vscode.version };
    }
    // Either channel reporting a failure fails the run.
    const failed = code !== 0 || results.failures > 0;
    return { exitCode: failed ? 1 : 0, ending: 'finished', passed: results.passes, failed: Math.max(results.failures, code !== 0 ? 1 : 0), vscodeVersion: vscode.version };
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await emulator?.emulator.stop();
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

/** publisher.name, as VS Code identifies the extension in a folder. */
function extensionId(folder: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { publisher: string; name: string };
  return `${manifest.publisher}.${manifest.name}`;
}

function readResults(file: string): ResultsFile | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as ResultsFile;
  } catch {
    return undefined;
  }
}

/** Resolves once the server log reports that an extension host ended. */
function hostDied(log: () => string): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (/Extension Host Process exited|terminated unexpectedly|Extension host with pid \d+ exited/.test(log())) {
        clearInterval(timer);
        resolve();
      }
    }, 250);
    timer.unref();
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
