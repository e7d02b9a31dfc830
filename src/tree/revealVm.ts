import { idKey } from '../azure/ids';
import { LoadMoreItem } from './nodes/LoadMoreItem';
import { SubscriptionItem } from './nodes/SubscriptionItem';
import { VirtualMachineItem } from './nodes/VirtualMachineItem';
import type { RestorePointsTreeProvider, TreeNode } from './RestorePointsTreeProvider';

/**
 * Pages of VMs read to find one not yet shown: the large demo subscription has 300 VMs on three
 * pages; a subscription with thousands stops here rather than reading them all for one click.
 */
const MAX_PAGES = 20;

/**
 * The tree's item for a VM, found the way the view would: under its subscription's item (one per
 * tenant label), loading more pages of VMs while "Load more…" ends the list. Undefined when the
 * subscription is not shown (filtered out) or the VM is not found within MAX_PAGES.
 */
export async function findVmItem(provider: RestorePointsTreeProvider, vmId: string): Promise<VirtualMachineItem | undefined> {
  const key = idKey(vmId);
  const subscriptionId = /^\/subscriptions\/([^/]+)/i.exec(vmId)?.[1]?.toLowerCase();
  const roots = (await provider.getChildren()) ?? [];
  const subscription = roots.find((n): n is SubscriptionItem => n instanceof SubscriptionItem && n.subscription.subscriptionId.toLowerCase() === subscriptionId);
  if (!subscription) return undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const children: TreeNode[] = (await subscription.getChildren()) ?? [];
    const vm = children.find((n): n is VirtualMachineItem => n instanceof VirtualMachineItem && idKey(n.resource.id) === key);
    if (vm) return vm;
    const more = children.find((n): n is LoadMoreItem => n instanceof LoadMoreItem);
    if (!more) return undefined;
    await more.loadMore();
  }
  return undefined;
}
