import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_CLIENT_SECRET } from '../../src/emulator/demoIdentity';
import { control } from '../integration/helpers';

/**
 * Searches every log file of the test run (the VS Code server's, each extension host's, the
 * extension's own "Restore Points" channel) for secrets: each access token the emulator issued,
 * the service principal's client secret, an Authorization header with a bearer value, and the
 * signature of each SAS URL the emulator granted (plain or percent-encoded).
 * Runs inside the extension host (it needs the emulator's token list and the run's log folder).
 */

/** Where the runner points the tests at this run's log files (test/runner/runInVSCode.ts). */
export function logsRoot(): string {
  const root = process.env.RESTORE_POINTS_TEST_LOGS;
  if (!root) throw new Error('RESTORE_POINTS_TEST_LOGS is not set: the log secrets scan runs inside the integration test run.');
  return root;
}

export interface SecretFinding {
  /** Relative to the logs folder. */
  file: string;
  line: number;
  /** What was found, never the secret itself. */
  what: string;
}

export interface LogScan {
  /** Every log file searched, relative to the logs folder, with its size. */
  files: { file: string; bytes: number }[];
  /** How many distinct secret values were searched for. */
  secretsSearched: number;
  findings: SecretFinding[];
}

interface Secret {
  what: string;
  matches(line: string): boolean;
}

/** The access tokens the emulator has issued during the run, revoked and expired ones included. */
async function issuedTokens(): Promise<string[]> {
  const { value } = await control<{ value: { token: string }[] }>('GET', '/tokens');
  return value.map((t) => t.token);
}

async function secrets(): Promise<Secret[]> {
  const list: Secret[] = [];
  for (const [i, token] of (await issuedTokens()).entries()) {
    // The part after the `rpat.` prefix too: a log that cut the prefix off still leaks the token.
    const body = token.slice(token.indexOf('.') + 1);
    list.push({ what: `access token #${i + 1} issued by the emulator`, matches: (line) => line.includes(body) });
  }
  const clientSecrets = new Set([DEMO_CLIENT_SECRET, process.env.AZURE_CLIENT_SECRET].filter((s): s is string => !!s));
  for (const secret of clientSecrets) list.push({ what: 'the client secret', matches: (line) => line.includes(secret) });
  const { value: signatures } = await control<{ value: string[] }>('GET', '/blobs/signatures');
  for (const [i, sig] of signatures.entries()) {
    list.push({ what: `the signature of SAS URL #${i + 1} granted by the emulator`, matches: (line) => line.includes(sig) || line.includes(encodeURIComponent(sig)) });
  }
  const header = /authorization["']?\s*[:=]\s*["']?\s*bearer\s+(?!REDACTED)\S/i;
  list.push({ what: 'an Authorization header with a bearer value', matches: (line) => header.test(line) });
  return list;
}

function logFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.log') && fs.statSync(path.join(root, f)).isFile())
    .sort();
}

export async function scanLogsForSecrets(root: string = logsRoot()): Promise<LogScan> {
  const searched = await secrets();
  const files = logFiles(root);
  const findings: SecretFinding[] = [];
  for (const file of files) {
    const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
    lines.forEach((text, index) => {
      for (const secret of searched) if (secret.matches(text)) findings.push({ file, line: index + 1, what: secret.what });
    });
  }
  return { files: files.map((file) => ({ file, bytes: fs.statSync(path.join(root, file)).size })), secretsSearched: searched.length, findings };
}

/** How many times a secret appears in the run's logs so far (0 is the only good answer). */
export async function countSecretsInLogs(): Promise<number> {
  return (await scanLogsForSecrets()).findings.length;
}

/** The extension's own log channel file, "Restore Points.log" under the extension host's folder for the extension. */
export function extensionLogFile(extensionId: string, root: string = logsRoot()): string | undefined {
  const wanted = path.join(extensionId, 'Restore Points.log').toLowerCase();
  const file = logFiles(root).find((f) => f.toLowerCase().endsWith(wanted));
  return file && path.join(root, file);
}
