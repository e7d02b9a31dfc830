import * as fs from 'node:fs';
import * as https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { EmulatorAddress } from '../emulator/sdkClients';
import { armScope, demoCredential } from '../emulator/sdkClients';

/** A request as the emulator logged it: enough to send it again. */
export interface ReplayedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
  tenantId?: string;
}

export interface BareReplay {
  ms: number;
  requests: number;
  /** Answers other than 200 (429s included): the replay is only a floor when this is 0. */
  notOk: number;
}

/**
 * What this machine allows for a set of reads: the same requests the extension sent, sent again by
 * the plainest client there is — one keep-alive HTTPS agent, `inFlight` requests at once, each
 * answer only JSON-parsed — against the same emulator on the same cores. Requests that depended on
 * an earlier answer (Resource Graph pages, whose `$skipToken` came from the page before) go one
 * after another per tenant, as they must; the tenants' pages run side by side, and the rest
 * (collection reads) follow with `inFlight` at once. The extension's time over this is what the
 * extension itself costs; this over ARM's floor is what a shared two-core machine running the
 * emulator costs.
 */
export async function replayBare(emulator: EmulatorAddress, requests: readonly ReplayedRequest[], inFlight: number): Promise<BareReplay> {
  const tokens = new Map<string, string>();
  for (const tenantId of new Set(requests.map((r) => r.tenantId ?? ''))) {
    const token = await demoCredential(emulator, tenantId || undefined).getToken(armScope(emulator));
    if (!token) throw new Error(`no token for tenant ${tenantId}`);
    tokens.set(tenantId, token.token);
  }
  const agent = new https.Agent({ keepAlive: true, ca: fs.readFileSync(emulator.caCertificate, 'utf8') });
  let notOk = 0;
  const send = (r: ReplayedRequest): Promise<void> =>
    new Promise((resolve, reject) => {
      const url = new URL(`${emulator.endpoint}${r.path}`);
      for (const [name, value] of Object.entries(r.query)) url.searchParams.set(name, value);
      const body = r.body === undefined ? undefined : JSON.stringify(r.body);
      const headers: Record<string, string> = { authorization: `Bearer ${tokens.get(r.tenantId ?? '')}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const req = https.request(url, { method: r.method, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          if (res.statusCode !== 200) notOk++;
          try {
            JSON.parse(Buffer.concat(chunks).toString('utf8'));
            resolve();
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      });
      req.on('error', reject);
      req.end(body);
    });

  const isPage = (r: ReplayedRequest): boolean => r.method === 'POST';
  const pagesByTenant = new Map<string, ReplayedRequest[]>();
  for (const r of requests.filter(isPage)) pagesByTenant.set(r.tenantId ?? '', [...(pagesByTenant.get(r.tenantId ?? '') ?? []), r]);
  const reads = requests.filter((r) => !isPage(r));

  const t0 = performance.now();
  await Promise.all([...pagesByTenant.values()].map(async (pages) => {
    for (const page of pages) await send(page);
  }));
  let next = 0;
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < reads.length) await send(reads[next++]);
  }));
  const ms = performance.now() - t0;
  agent.destroy();
  return { ms, requests: requests.length, notOk };
}
