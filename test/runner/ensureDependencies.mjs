// Runs before `npm test` and `npm start` (the `pretest` and `prestart` scripts), so that both work
// as the first command on a fresh clone: when node_modules is missing or does not hold what
// package-lock.json says, it runs `npm ci`. Plain JavaScript without dependencies, because it runs
// before any are installed.
//
// The check reads npm's own record of what it installed, node_modules/.package-lock.json, and
// compares versions with package-lock.json; it costs a few milliseconds, so a run right after
// `npm ci` (what CI does) is not slowed down.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Why node_modules must be installed again, or undefined when it matches the lock file. */
function staleReason() {
  const lock = readJson(join(root, 'package-lock.json'));
  if (!lock?.packages) return 'package-lock.json is missing or unreadable';
  const installed = readJson(join(root, 'node_modules', '.package-lock.json'));
  if (!installed?.packages) return 'node_modules is missing';
  for (const [location, entry] of Object.entries(lock.packages)) {
    if (location === '' || entry.link) continue;
    const have = installed.packages[location];
    // Optional packages for other platforms (esbuild's, vsce-sign's) are rightly absent.
    if (!have) {
      if (entry.optional) continue;
      return `${location} is not installed`;
    }
    if (have.version !== entry.version) return `${location} is ${have.version}, package-lock.json says ${entry.version}`;
    if (!existsSync(join(root, location, 'package.json'))) return `${location} was removed`;
  }
  for (const location of Object.keys(installed.packages)) {
    if (!lock.packages[location]) return `${location} is installed but not in package-lock.json`;
  }
  return undefined;
}

const reason = staleReason();
if (reason) {
  console.log(`Installing dependencies with npm ci (${reason}) ...`);
  // npm sets npm_execpath for the scripts it runs: the same npm, on every platform, without a shell.
  const npmCli = process.env.npm_execpath;
  if (npmCli) execFileSync(process.execPath, [npmCli, 'ci'], { cwd: root, stdio: 'inherit' });
  else execFileSync('npm', ['ci'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
}
