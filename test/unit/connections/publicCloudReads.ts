import { readFileSync } from 'node:fs';
import { sharedHttpsAgent } from '../../../src/azure/httpsAgent';
import { readVirtualMachine } from '../../../src/azure/virtualMachines';
import { DEMO_SUBSCRIPTION, DEMO_VM_ID, idleSockets, settle, sharedAgentFactory } from './sharedAgentFactory';

/**
 * Run in a process of its own (`node publicCloudReads.js <endpoint> <reads> [<extra CA file>]`), so
 * that its proxy variables are its own: the Azure SDK reads NO_PROXY once per process. Without an
 * extra CA file, NODE_EXTRA_CA_CERTS trusts the emulator, so the cloud needs no extra certificate,
 * as public Azure does not; with one, the cloud carries it, as Azure Stack does. Reads the demo VM
 * `<reads>` times at once and prints what was read and the idle connections kept.
 */
async function main(): Promise<void> {
  const [endpoint, reads, extraCertificatesFile] = process.argv.slice(2);
  const extraCertificates = extraCertificatesFile ? [readFileSync(extraCertificatesFile, 'utf8')] : undefined;
  const factory = sharedAgentFactory(endpoint, extraCertificates);
  const vms = await Promise.all(Array.from({ length: Number(reads) }, () => readVirtualMachine(factory, DEMO_SUBSCRIPTION, DEMO_VM_ID)));
  const agent = sharedHttpsAgent(extraCertificates);
  await settle(agent);
  process.stdout.write(`${JSON.stringify({ names: [...new Set(vms.map((v) => v.name))], idleSockets: idleSockets(agent) })}\n`);
  // The kept connections would hold the process open until the server closes them.
  agent.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
