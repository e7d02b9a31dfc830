import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANTS } from '../../src/emulator/demoIdentity';
import { emulatorAddress } from '../integration/helpers';

/** The "Restore Points" log output channel's file, as the extension host names it. */
const EXTENSION_LOG = /Restore Points\.log$/;

/**
 * How many times a token the emulator issued or the client secret appears in everything VS Code
 * logged during this run: every *.log file under the run's folder (the server's and the user's
 * data, where the extension host writes its output channels, the extension's own among them).
 * Fails, rather than answering 0, when the extension's log file is not there to be read.
 */
export async function countSecretsInLogs(): Promise<number> {
  const runDir = runFolder();
  const files = logFiles(runDir);
  if (!files.some((f) => EXTENSION_LOG.test(f))) throw new Error(`No "Restore Points" log file under ${runDir}: nothing to check.`);
  const patterns = [literal(DEMO_CLIENT_SECRET), tokenShape(await sampleToken())];
  let found = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const pattern of patterns) found += text.match(pattern)?.length ?? 0;
  }
  return found;
}

/** What the extension's own log channel holds so far (to check that the scan reads the right file). */
export function extensionLogText(): string {
  return logFiles(runFolder())
    .filter((f) => EXTENSION_LOG.test(f))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
}

/** The runner's per-run folder: the results file it asks the test entry to write is at its top. */
function runFolder(): string {
  const results = process.env.RESTORE_POINTS_TEST_RESULTS;
  if (!results) throw new Error('RESTORE_POINTS_TEST_RESULTS is set by the test runner');
  return path.dirname(results);
}

function logFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.log'))
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).isFile());
}

const literal = (text: string): RegExp => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g');

/**
 * Every token the emulator issues has the same shape (a fixed prefix and a fixed-length random
 * part), and each sign-in gets a new one; a token fetched now shows the shape of those the
 * extension was given, so any of them is found, not only this one.
 */
function tokenShape(sample: string): RegExp {
  const dot = sample.indexOf('.');
  const prefix = dot > 0 ? sample.slice(0, dot + 1) : '';
  const rest = sample.slice(prefix.length);
  return new RegExp(`${literal(prefix).source}[A-Za-z0-9_-]{${rest.length}}`, 'g');
}

/** A token from the emulator's identity endpoint, with the demo service principal the extension signs in with. */
function sampleToken(): Promise<string> {
  const { endpoint, caCertificate } = emulatorAddress();
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_CLIENT_ID, client_secret: DEMO_CLIENT_SECRET, scope: `${endpoint}/.default` }).toString();
  const url = `${endpoint}/${DEMO_TENANTS.contoso.tenantId}/oauth2/v2.0/token`;
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: 'POST', ca: fs.readFileSync(caCertificate, 'utf8'), headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => {
        const token = (JSON.parse(text || '{}') as { access_token?: unknown }).access_token;
        if (typeof token === 'string' && token) resolve(token);
        else reject(new Error(`the emulator issued no token (HTTP ${res.statusCode})`));
      });
    });
    req.on('error', reject);
    req.end(form);
  });
}
