import { readFileSync } from 'node:fs';
import { sharedHttpsAgent } from '../../../src/azure/httpsAgent';
import { readVirtualMachine } from '../../../src/azure/virtualMachines';
import { DEMO_SUBSCRIPTION, DEMO_VM_ID, idleSockets, settle, sharedAgentFactory } from './sharedAgentFactory';

/**
 * Stack traces that agent-base (under the SDK's HTTPS_PROXY agent, as under VS Code's proxy agent)
 * captured to guess from a request's options whether it is HTTPS (`isSecureEndpoint`, called by
 * `getName` and `createSocket`), which it does when the options name no protocol. Counted here as
 * VS Code's extension host pays for them, where every stack trace is formatted by its own hook.
 * The SDK's proxy agent also guesses its own `protocol` and `defaultPort` properties this way each
 * time Node reads them, once or twice per request (VS Code's agent has them set): the request's
 * options cannot spare those, so they are counted apart, and show that the hook sees agent-base's
 * guesses at all.
 */
let protocolGuesses = 0;
let agentPropertyGuesses = 0;
Error.prepareStackTrace = (error, callSites) => {
  const guess = callSites.findIndex((site) => site.getFunctionName() === 'isSecureEndpoint');
  if (guess >= 0) {
    if (['getName', 'createSocket'].includes(callSites[guess + 1]?.getFunctionName() ?? '')) protocolGuesses += 1;
    else agentPropertyGuesses += 1;
  }
  return [String(error), ...callSites.map((site) => `    at ${String(site)}`)].join('\n');
};

/**
 * Run in a process of its own (`node publicCloudReads.js <endpoint> <reads> [<extra CA file>]`), so
 * that its proxy variables are its own: the Azure SDK reads NO_PROXY once per process. Without an
 * extra CA file, NODE_EXTRA_CA_CERTS trusts the emulator, so the cloud needs no extra certificate,
 * as public Azure does not; with one, the cloud carries it, as Azure Stack does. Reads the demo VM
 * `<reads>` times at once and prints what was read, the idle connections kept and the protocol guesses.
 */
async function main(): Promise<void> {
  const [endpoint, reads, extraCertificatesFile] = process.argv.slice(2);
  const extraCertificates = extraCertificatesFile ? [readFileSync(extraCertificatesFile, 'utf8')] : undefined;
  const factory = sharedAgentFactory(endpoint, extraCertificates);
  const vms = await Promise.all(Array.from({ length: Number(reads) }, () => readVirtualMachine(factory, DEMO_SUBSCRIPTION, DEMO_VM_ID)));
  const agent = sharedHttpsAgent(extraCertificates);
  await settle(agent);
  process.stdout.write(`${JSON.stringify({ names: [...new Set(vms.map((v) => v.name))], idleSockets: idleSockets(agent), protocolGuesses, agentPropertyGuesses })}\n`);
  // The kept connections would hold the process open until the server closes them.
  agent.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
