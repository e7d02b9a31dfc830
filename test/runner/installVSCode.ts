import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir } from './paths';

/**
 * The VS Code build we test against comes from the `code-server` npm package: it is the newest
 * release whose engines accept Node 20 and it carries VS Code 1.100.3, matching `engines.vscode`.
 * @vscode/test-electron cannot download VS Code on a machine without internet; the npm registry works.
 */
export const CODE_SERVER_VERSION = '4.100.3';

export interface InstalledVSCode {
  /** Folder holding out/server-main.js. */
  readonly vscodeDir: string;
  /** The VS Code version of that build, e.g. 1.100.3. */
  readonly version: string;
}

const installRoot = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
const vscodeDir = path.join(installRoot, 'node_modules', 'code-server', 'lib', 'vscode');
const doneMarker = path.join(installRoot, '.installed');

/** Installs the VS Code server build once into the git-ignored cache folder; later calls reuse it. */
export function ensureVSCode(log: (line: string) => void = console.log): InstalledVSCode {
  if (fs.existsSync(doneMarker)) {
    log(`Reusing cached VS Code build in ${path.relative(process.cwd(), installRoot)}`);
  } else {
    log(`Installing VS Code (code-server ${CODE_SERVER_VERSION}) into ${installRoot} ...`);
    fs.rmSync(installRoot, { recursive: true, force: true });
    fs.mkdirSync(installRoot, { recursive: true });
    // code-server's own postinstall refuses root and downloads ripgrep, so scripts stay off.
    npm(['install', '--prefix', installRoot, '--no-save', '--no-package-lock', '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`], cacheDir);
    npm(['install', '--omit=dev', '--ignore-scripts', '--no-package-lock'], vscodeDir);
    // The native modules the server needs, built against this machine's Node headers (nodedir),
    // because node-gyp would otherwise try to download headers. kerberos (proxy auth only) is skipped.
    npm(['rebuild', 'node-pty', '@parcel/watcher', '@vscode/spdlog', 'native-watchdog'], vscodeDir, {
      npm_config_yes: 'true',
      npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr',
    });
    // The server loads its modules through node_modules.asar, as a packaged desktop build would.
    fs.symlinkSync('node_modules', path.join(vscodeDir, 'node_modules.asar'));
    fs.writeFileSync(doneMarker, new Date().toISOString());
  }
  const version = (JSON.parse(fs.readFileSync(path.join(vscodeDir, 'package.json'), 'utf8')) as { version: string }).version;
  return { vscodeDir, version };
}

function npm(args: string[], cwd: string, env: Record<string, string> = {}): void {
  execFileSync('npm', args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
}
