import { sharedHttpsAgent } from '../../../src/azure/httpsAgent';
import { readVirtualMachine } from '../../../src/azure/virtualMachines';
import { DEMO_SUBSCRIPTION, DEMO_VM_ID, idleSockets, settle, sharedAgentFactory } from './sharedAgentFactory';

/**
 * Run in a process of its own (`node publicCloudReads.js <endpoint> <reads>`) with NODE_EXTRA_CA_CERTS
 * trusting the emulator, so the cloud needs no extra certificate, as public Azure does not: reads
 * the demo VM `<reads>` times at once and prints what was read and the idle connections kept.
 */
async function main(): Promise<void> {
  const [endpoint, reads] = process.argv.slice(2);
  const factory = sharedAgentFactory(endpoint, undefined);
  const vms = await Promise.all(Array.from({ length: Number(reads) }, () => readVirtualMachine(factory, DEMO_SUBSCRIPTION, DEMO_VM_ID)));
  await settle();
  process.stdout.write(`${JSON.stringify({ names: [...new Set(vms.map((v) => v.name))], idleSockets: idleSockets(sharedHttpsAgent(undefined)) })}\n`);
  // The kept connections would hold the process open until the server closes them.
  sharedHttpsAgent(undefined).destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
