import type { CleanUpTarget } from '../../azure/cleanUpPlan';
import type { CoverageRow } from '../../azure/coverage';
import { idKey } from '../../azure/ids';

/**
 * The collections behind the VMs selected in the report: each VM's own and their copies, as
 * Clean Up Restore Points… on the VM in the tree takes them, each read with its subscription's
 * sign-in. A VM without a collection adds nothing; a collection is listed once.
 */
export function cleanUpTargetsOf(rows: readonly CoverageRow[], vmIds: readonly string[]): CleanUpTarget[] {
  const wanted = new Set(vmIds.map(idKey));
  const seen = new Set<string>();
  const targets: CleanUpTarget[] = [];
  for (const row of rows) {
    if (!wanted.has(idKey(row.vmId))) continue;
    for (const collectionId of row.collectionIds) {
      if (seen.has(idKey(collectionId))) continue;
      seen.add(idKey(collectionId));
      // A copy is in its source's subscription (Copy Restore Point… makes it there), read with the same sign-in.
      const subscriptionId = /^\/subscriptions\/([^/]+)/i.exec(collectionId)?.[1] ?? row.subscriptionId;
      targets.push({ subscription: { tenantId: row.tenantId, subscriptionId }, collectionId });
    }
  }
  return targets;
}

/** A row as the report page gets it: what it shows, sorts and filters on, without the collection ids. */
export type ViewRow = Omit<CoverageRow, 'collectionIds' | 'tenantId' | 'unreadCollections'> & { collections: number };

export const viewRowOf = ({ collectionIds, tenantId: _tenant, unreadCollections: _unread, ...shown }: CoverageRow): ViewRow => ({ ...shown, collections: collectionIds.length });
