import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANTS } from '../../src/emulator/demoIdentity';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface RequestOptions {
  token?: string | null;
  body?: unknown;
  /** Sent as is (for malformed JSON). */
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** One HTTPS request to the emulator, trusting its certificate for this request only. */
export function send(emulator: { endpoint: string; caCertificate: string }, method: string, pathAndQuery: string, options: RequestOptions = {}): Promise<RawResponse> {
  const url = new URL(pathAndQuery.startsWith('http') ? pathAndQuery : `${emulator.endpoint}${pathAndQuery}`);
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (payload !== undefined) {
    headers['content-type'] = options.contentType ?? 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, ca: readFileSync(emulator.caCertificate) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** A token from the emulator's token endpoint (AD FS's, in AD FS mode, which has one directory), the way MSAL asks for one. */
export async function demoToken(emulator: RunningEmulator, tenantId: string = DEMO_TENANTS.contoso.tenantId): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_CLIENT_ID, client_secret: DEMO_CLIENT_SECRET, scope: `${emulator.endpoint}/.default` });
  const tokenPath = emulator.controls.identity === 'adfs' ? '/adfs/oauth2/token' : `/${tenantId}/oauth2/v2.0/token`;
  const res = await send(emulator, 'POST', tokenPath, { rawBody: form.toString(), contentType: 'application/x-www-form-urlencoded' });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
  return res.json.access_token as string;
}

export interface Harness {
  emulator: RunningEmulator;
  /** A Contoso token (Production and Dev/Test subscriptions). */
  token: string;
  /** A Fabrikam token (Sandbox and Finance subscriptions). */
  fabrikamToken: string;
  arm(method: string, pathAndQuery: string, options?: RequestOptions): Promise<RawResponse>;
}

/**
 * Starts one emulator for a test file (manual clock, demo data) and resets it before each test,
 * so tests never see each other's changes.
 */
export function useEmulator(options: EmulatorOptions = {}): Harness {
  const harness = {} as Harness;
  before(async () => {
    harness.emulator = await startEmulator({ manualClock: true, data: 'demo', ...options });
    harness.token = await demoToken(harness.emulator);
    harness.fabrikamToken = await demoToken(harness.emulator, DEMO_TENANTS.fabrikam.tenantId);
    harness.arm = (method, pathAndQuery, requestOptions = {}) =>
      send(harness.emulator, method, pathAndQuery, { ...requestOptions, token: requestOptions.token === undefined ? harness.token : requestOptions.token });
  });
  beforeEach(() => harness.emulator.controls.reset(options.data ?? 'demo'));
  after(async () => {
    await harness.emulator?.stop();
  });
  return harness;
}
