import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { readCoverage } from '../../src/azure/coverage';
import { listFleet } from '../../src/azure/fleet';
import { ARM_LIMITS } from '../../src/emulator';
import { fleetCatalog, fleetSubscriptionId } from '../../src/emulator/data/fleetCatalog';
import type { EmulatorAddress } from '../emulator/sdkClients';
import { emulatorClientFactory } from '../emulator/emulatorFactory';
import { repoRoot } from '../runner/paths';
import { replayBare, type BareReplay } from './bareReplay';
import { profiledWhenAsked } from './cpuProfile';
import { cpuWhile } from './mainThreadCpu';
import { readRateFloorMs, type LoggedRequest } from './floor';

export interface CoverageFigure {
  virtualMachines: number;
  collectionsRead: number;
  ms: number;
  armRequests: number;
  /** Resource Graph pages one after the other (the tenants' queries run side by side), then one round of collection reads. */
  floorTrips: number;
  rateFloorMs: number;
  floorMs: number;
  /** 429s ARM answered during the read. */
  throttled: number;
  tlsConnections: number;
  /** The same requests sent again by a bare HTTPS client (`replayBare`): what this machine and emulator allow. */
  bare: BareReplay;
  bareInFlight: number;
  /** Main-thread CPU time of `readCoverage`'s process: its least time on this CPU, whatever the server (mainThreadCpu.ts). */
  clientCpuMs?: number;
  /** The same for the bare replay's client. */
  bareClientCpuMs?: number;
  /** The emulator's main-thread CPU time answering each. */
  emulatorCpuMs?: number;
  bareEmulatorCpuMs?: number;
}

/**
 * Requests in flight for the bare replay: enough that the latency is not what bounds it (15,000
 * reads at 50 ms each need ⌈15,000 ÷ 512⌉ × 50 ms = 1.5 s at 512 at once), so the figure is what
 * the two cores can serve. At 64 at once it was 11.7 s of waiting alone.
 */
const BARE_IN_FLIGHT = 512;

/**
 * Coverage of the `fleet` data set (200 subscriptions, 20,000 VMs, 15,000 collections) with the
 * extension's own `readCoverage` and client factory (read budget, retry policy, keep-alive) in
 * plain Node, against the emulator in a process of its own (as ARM is), ARM's throttling on and a
 * fixed latency per request. The data set is generated lazily: one listing first, untimed, makes
 * the emulator build every subscription, and a control then makes every collection's restore
 * points, so the figure is the extension's reading, not the emulator's generating.
 */
export async function measureFleetCoverage(latencyMs: number): Promise<CoverageFigure> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'out', 'src', 'emulator', 'cli.js'), '--data', 'fleet', '--throttling'], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const firstLine = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`the emulator exited with ${code}`)));
    });
    const address = JSON.parse(firstLine) as EmulatorAddress;
    const control = controlOf(address);
    const subscriptions = Array.from({ length: fleetCatalog.totals.subscriptions }, (_, i) => ({
      tenantId: fleetCatalog.tenants[Math.floor(i / fleetCatalog.subscriptionsPerTenant)].tenantId,
      subscriptionId: fleetSubscriptionId(i),
    }));
    // The emulator builds a subscription's data the first time it is asked for it, holding its event
    // loop for seconds: a connection kept alive may be closed under a request meanwhile, so ask again.
    for (let attempt = 1; ; attempt++) {
      try {
        await listFleet(emulatorClientFactory(address), subscriptions);
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    // And its restore points, which it generates per collection on first read.
    await control('POST', '/store/generate');
    await control('POST', '/latency', { ms: latencyMs });
    await control('DELETE', '/requests');
    const connectionsBefore = ((await control('GET', '/connections')) as { tlsConnections: number }).tlsConnections;

    const pids = { client: process.pid, server: child.pid };
    const t0 = performance.now();
    const { result: report, clientCpuMs, serverCpuMs: emulatorCpuMs } = await cpuWhile(pids, () =>
      profiledWhenAsked('coverage-node', () => readCoverage(emulatorClientFactory(address), subscriptions, { staleAfterDays: 7, now: () => Date.now() })),
    );
    const ms = performance.now() - t0;

    const tlsConnections = ((await control('GET', '/connections')) as { tlsConnections: number }).tlsConnections - connectionsBefore;
    const log = ((await control('GET', '/requests')) as { value: (LoggedRequest & { status: number; body?: unknown })[] }).value.filter((r) => /^\/(subscriptions|providers|tenants)/i.test(r.path));
    const graphPages = log.filter((r) => /Microsoft\.ResourceGraph\/resources$/i.test(r.path) && r.status < 400).length;
    const floorTrips = Math.ceil(graphPages / fleetCatalog.tenants.length) + 1;
    const rateFloorMs = readRateFloorMs(log, ARM_LIMITS);
    // The buckets refill (250 at 25 a second) before the same reads are sent again.
    await new Promise((resolve) => setTimeout(resolve, (ARM_LIMITS.reads.size / ARM_LIMITS.reads.refillPerSecond) * 1000 + 1000));
    const { result: bare, clientCpuMs: bareClientCpuMs, serverCpuMs: bareEmulatorCpuMs } = await cpuWhile(pids, () => replayBare(address, log.filter((r) => r.status === 200), BARE_IN_FLIGHT));
    return {
      virtualMachines: report.rows.length,
      collectionsRead: report.collectionsRead,
      ms,
      armRequests: log.length,
      floorTrips,
      rateFloorMs,
      floorMs: Math.max(floorTrips * latencyMs, rateFloorMs),
      throttled: log.filter((r) => r.status === 429).length,
      tlsConnections,
      bare,
      bareInFlight: BARE_IN_FLIGHT,
      clientCpuMs,
      bareClientCpuMs,
      emulatorCpuMs,
      bareEmulatorCpuMs,
    };
  } finally {
    child.kill();
  }
}

function controlOf(address: EmulatorAddress): (method: string, route: string, body?: unknown) => Promise<unknown> {
  const ca = fs.readFileSync(address.caCertificate, 'utf8');
  return (method, route, body) =>
    new Promise((resolve, reject) => {
      const req = https.request(`${address.endpoint}/_emulator${route}`, { method, ca, headers: body === undefined ? {} : { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => ((res.statusCode ?? 0) >= 400 ? reject(new Error(`${method} ${route}: ${res.statusCode} ${text}`)) : resolve(text ? JSON.parse(text) : undefined)));
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
}
