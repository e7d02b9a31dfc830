import type { RestorePointsApi } from '../../../src/extension';
import { demoCatalog } from '../../../src/emulator';
import { answer, type ScriptedAnswer } from '../../support/scriptedPrompter';
import { byLabel, children, type Shown } from '../helpers';

export const DEV_TEST = 'Contoso Dev/Test';

/** A restore point's node in the tree, reached as a user would: subscription → VM → collection → restore point. */
export async function restorePointNode(api: RestorePointsApi, vm: string, collection: string, name: string): Promise<Shown> {
  const sub = byLabel(await children(api), DEV_TEST);
  const vmNode = byLabel(await children(api, sub.node), vm);
  const c = byLabel(await children(api, vmNode.node), collection);
  return byLabel(await children(api, c.node), name);
}

/** web-02's subnet in its region, as the network step lists it. */
export const web02Subnet = `${demoCatalog.devTest.web02.resourceGroup}${demoCatalog.network.vnetSuffix} / ${demoCatalog.network.subnet}`;

/** Restore as New VM's answers: group (or a new one), name, network, public IP, size, one disk type per disk (the source's), summary. */
export function restoreScript(options: { vmName: string; disks: number; group?: string; newGroup?: { name: string; location: string }; network?: ScriptedAnswer; publicIp?: ScriptedAnswer }): ScriptedAnswer[] {
  const group = options.newGroup ? [answer.pick(`New resource group in ${options.newGroup.location}…`), answer.input(options.newGroup.name)] : [answer.pick(options.group ?? demoCatalog.devTest.web02.resourceGroup)];
  return [
    ...group,
    answer.input(options.vmName),
    options.network ?? answer.acceptDefault(),
    options.publicIp ?? answer.acceptDefault(),
    answer.acceptDefault(),
    ...Array.from({ length: options.disks }, () => answer.acceptDefault()),
    answer.confirm(),
  ];
}
