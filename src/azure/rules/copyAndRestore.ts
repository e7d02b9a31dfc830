import * as l10n from '@vscode/l10n';
/*
 * "Copy VM restore points across regions": the target collection is in another region than its
 * source collection, and only a restore point whose creation succeeded can be copied (ARM: 400
 * InvalidParameter and 409 OperationNotAllowed). A disk can be restored only from a disk restore
 * point that is complete in its region: a copy still replicating answers 409.
 */
const same = (a: string, b: string): boolean => a.replace(/\s/g, '').toLowerCase() === b.replace(/\s/g, '').toLowerCase();

export function copyTargetRegionProblem(sourceRegion: string, targetRegion: string): string | undefined {
  return same(sourceRegion, targetRegion) ? l10n.t("A copy must go to another region than the source's ({0}).", sourceRegion) : undefined;
}

export function copySourceProblem(source: { name?: string; provisioningState?: string }): string | undefined {
  const state = source.provisioningState ?? 'unknown';
  if (state.toLowerCase() === 'succeeded') return undefined;
  return l10n.t("Restore point '{0}' is {1}; only a restore point whose creation succeeded can be copied.", source.name ?? '?', state);
}

/** `replication` from replicationProgress's aggregate for copies; undefined for a restore point taken in its own region. */
export function restoreSourceProblem(source: { name?: string; provisioningState?: string }, replication?: { state: string; percent: number }): string | undefined {
  const state = source.provisioningState ?? 'unknown';
  if (state.toLowerCase() !== 'succeeded') return l10n.t("Restore point '{0}' is {1}; disks can be restored only from a restore point that succeeded.", source.name ?? '?', state);
  if (replication && replication.state !== 'Succeeded') {
    return replication.state === 'Failed'
      ? l10n.t("Copying restore point '{0}' to this region failed; its disks cannot be restored.", source.name ?? '?')
      : l10n.t("Restore point '{0}' is still being copied to this region ({1}%); restore its disks when the copy is complete.", source.name ?? '?', replication.percent);
  }
  return undefined;
}

/** The existing collections that hold copies of a source collection in a region, to offer before creating one. */
export function copyCollectionsIn<C extends { location?: string; source?: { id?: string } }>(collections: readonly C[], sourceCollectionId: string, region: string): C[] {
  const source = sourceCollectionId.toLowerCase();
  return collections.filter((c) => c.source?.id?.toLowerCase() === source && c.location !== undefined && same(c.location, region));
}
