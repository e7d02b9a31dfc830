import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Agent } from 'node:https';
import { createHttpHeaders, createPipelineRequest, type PipelineRequest } from '@azure/core-rest-pipeline';
import { sharedAgentPolicy, sharedHttpsAgent } from '../../../src/azure/httpsAgent';
import { readVirtualMachine } from '../../../src/azure/virtualMachines';
import { demoCatalog } from '../../../src/emulator/data/demoCatalog';
import { useEmulator } from '../../emulator/harness';
import { startConnectProxy, type ConnectProxy } from '../../support/connectProxy';
import { DEMO_SUBSCRIPTION, DEMO_VM_ID, idleSockets, settle, sharedAgentFactory } from './sharedAgentFactory';

/** More reads at once than idle connections are kept (httpsAgent.ts keeps 16). */
const BURST = 24;
const KEPT = 16;
const VM_NAME = demoCatalog.devTest.web01.vm;

interface ChildResult {
  names: string[];
  idleSockets: number;
  /** Stack traces the proxy agent took to tell an HTTPS request from an HTTP one (publicCloudReads.ts). */
  protocolGuesses: number;
  /** Stack traces the SDK's proxy agent took to guess its own protocol or default port (publicCloudReads.ts). */
  agentPropertyGuesses: number;
}

/**
 * Reads the demo VM `reads` times at once in a process of its own, with exactly the proxy variables
 * given (the SDK reads NO_PROXY once per process, so this one's cannot be changed between tests).
 * `trust: 'roots'` trusts the emulator the way public Azure is trusted (NODE_EXTRA_CA_CERTS);
 * `'extra'` gives the cloud the emulator's CA as extra certificates, as Azure Stack's are.
 */
function readInProcess(endpoint: string, caCertificate: string, trust: 'roots' | 'extra', reads: number, proxy: { HTTPS_PROXY?: string; NO_PROXY?: string } = {}): Promise<ChildResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...proxy };
  if (trust === 'roots') env.NODE_EXTRA_CA_CERTS = caCertificate;
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy', 'NO_PROXY', 'no_proxy']) {
    if (!(name in proxy)) delete env[name];
  }
  const args = [join(__dirname, 'publicCloudReads.js'), endpoint, String(reads), ...(trust === 'extra' ? [caCertificate] : [])];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { env }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult);
    });
  });
}

describe('connections to ARM: one shared agent, idle ones capped, proxies honoured', () => {
  const h = useEmulator();
  let proxy: ConnectProxy;
  let target: string;

  beforeEach(async () => {
    // Every read waits, so a burst holds a connection per read.
    h.emulator.controls.setLatency(100);
    proxy = await startConnectProxy();
    target = new URL(h.emulator.endpoint).host;
    // No connection kept from an earlier test: each counts the connections its own requests open.
    sharedHttpsAgent([readFileSync(h.emulator.caCertificate, 'utf8')]).destroy();
  });
  afterEach(async () => {
    await proxy.close();
  });

  it('keeps 16 of the connections a burst of reads opened to a cloud with extra certificates, and reuses them', async () => {
    const certificates = [readFileSync(h.emulator.caCertificate, 'utf8')];
    const factory = sharedAgentFactory(h.emulator.endpoint, certificates);
    const before = h.emulator.controls.tlsConnections;
    const vms = await Promise.all(Array.from({ length: BURST }, () => readVirtualMachine(factory, DEMO_SUBSCRIPTION, DEMO_VM_ID)));
    assert.ok(vms.every((v) => v.name === VM_NAME));
    assert.ok(h.emulator.controls.tlsConnections - before >= BURST, `the burst opened ${h.emulator.controls.tlsConnections - before} connections`);
    await settle(sharedHttpsAgent(certificates));
    assert.equal(idleSockets(sharedHttpsAgent(certificates)), KEPT);

    const afterBurst = h.emulator.controls.tlsConnections;
    await Promise.all(Array.from({ length: KEPT }, () => readVirtualMachine(factory, DEMO_SUBSCRIPTION, DEMO_VM_ID)));
    assert.equal(h.emulator.controls.tlsConnections, afterBurst, 'reads within the kept connections open none');
    assert.deepEqual(proxy.tunnels, []);
  });

  it('keeps 16 of a burst\'s connections on a cloud trusted through Node\'s roots, as public Azure is', async () => {
    const before = h.emulator.controls.tlsConnections;
    const result = await readInProcess(h.emulator.endpoint, h.emulator.caCertificate, 'roots', BURST);
    assert.deepEqual(result.names, [VM_NAME]);
    assert.ok(h.emulator.controls.tlsConnections - before >= BURST, `the burst opened ${h.emulator.controls.tlsConnections - before} connections`);
    assert.equal(result.idleSockets, KEPT);
  });

  /** Reads through the HTTPS_PROXY and checks that every connection, sign-in included, went through it. */
  async function readsAllThroughProxy(trust: 'extra' | 'roots', reads: number): Promise<void> {
    const before = h.emulator.controls.tlsConnections;
    const result = await readInProcess(h.emulator.endpoint, h.emulator.caCertificate, trust, reads, { HTTPS_PROXY: proxy.url });
    assert.deepEqual(result.names, [VM_NAME]);
    assert.ok(proxy.tunnels.length > 0);
    assert.ok(proxy.tunnels.every((t) => t === target), proxy.tunnels.join(', '));
    assert.equal(h.emulator.controls.tlsConnections - before, proxy.tunnels.length, 'every connection the emulator saw came through the proxy');
    assert.equal(result.idleSockets, 0, 'the shared agent carried nothing');
    // The request names its protocol (requestProtocol.ts): a proxy agent, the SDK's as VS Code's, need not guess it from a stack trace.
    assert.equal(result.protocolGuesses, 0);
    assert.ok(result.agentPropertyGuesses > 0, 'the count sees agent-base\'s guesses: the SDK\'s proxy agent still guesses its own protocol');
  }

  it('sends every request of a cloud with extra certificates, sign-in included, through the HTTPS_PROXY, trusting its certificates inside the tunnel', async () => {
    await readsAllThroughProxy('extra', 4);
  });

  it('sends every request of a cloud trusted through Node\'s roots through the HTTPS_PROXY, and none of a host NO_PROXY names', async () => {
    await readsAllThroughProxy('roots', BURST);

    const tunnels = proxy.tunnels.length;
    const before = h.emulator.controls.tlsConnections;
    const direct = await readInProcess(h.emulator.endpoint, h.emulator.caCertificate, 'roots', BURST, { HTTPS_PROXY: proxy.url, NO_PROXY: new URL(h.emulator.endpoint).hostname });
    assert.deepEqual(direct.names, [VM_NAME]);
    assert.equal(proxy.tunnels.length, tunnels, 'no tunnel for a host NO_PROXY names');
    assert.ok(h.emulator.controls.tlsConnections - before >= BURST);
    assert.equal(direct.idleSockets, KEPT);
  });

  it('trusts a cloud\'s extra certificates on its own hosts, and Node\'s roots on a public cloud\'s sign-in host', async () => {
    // Inside VS Code an agent's `ca` is all a request to a host but localhost trusts, through a proxy or not.
    const ca = readFileSync(h.emulator.caCertificate, 'utf8');
    const policy = sharedAgentPolicy([ca]);
    const trustFor = async (url: string): Promise<unknown> => {
      let sent: PipelineRequest | undefined;
      await policy.sendRequest(createPipelineRequest({ url, headers: createHttpHeaders() }), async (request) => {
        sent = request;
        return { request, status: 200, headers: createHttpHeaders() };
      });
      return (sent?.agent as Agent | undefined)?.options.ca;
    };
    assert.deepEqual(await trustFor('https://management.local.azurestack.external/subscriptions?api-version=2022-12-01'), [ca]);
    assert.deepEqual(await trustFor('https://adfs.local.azurestack.external/adfs/oauth2/token'), [ca]);
    for (const url of ['https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token', 'https://LOGIN.microsoftonline.us:443/common/discovery/instance', 'https://login.chinacloudapi.cn/x']) {
      assert.equal(await trustFor(url), undefined, url);
    }
    assert.deepEqual(await trustFor('https://login.microsoftonline.com.example.test/x'), [ca], 'a host that only begins like one');
  });
});

