/*
 * "Copy VM restore points across regions": the target collection is in another region than its
 * source collection, and only a restore point whose creation succeeded can be copied (ARM: 400
 * InvalidParameter and 409 OperationNotAllowed). A disk can be restored only from a disk restore
 * point that is complete in its region: a copy still replicating answers 409.
 */
const same = (a: string, b: string): boolean => a.replace(/\s/g, '').toLowerCase() === b.replace(/\s/g, '').toLowerCase();

export function copyTargetRegionProblem(sourceRegion: string, targetRegion: string): string | undefined {
  return same(sourceRegion, targetRegion) ? `A copy must go to another region than the source's (${sourceRegion}).` : undefined;
}

export function copySourceProblem(source: { name?: string; provisioningState?: string }): string | undefined {
  const state = source.provisioningState ?? 'unknown';
  if (state.toLowerCase() === 'succeeded') return undefined;
  return `Restore point '${source.name ?? '?'}' is ${state}; only a restore point whose creation succeeded can be copied.`;
}

/** `replication` from replicationProgress's aggregate for copies; undefined for a restore point taken in its own region. */
export function restoreSourceProblem(source: { name?: string; provisioningState?: string }, replication?: { state: string; percent: number }): string | undefined {
  const state = source.provisioningState ?? 'unknown';
  if (state.toLowerCase() !== 'succeeded') return `Restore point '${source.name ?? '?'}' is ${state}; disks can be restored only from a restore point that succeeded.`;
  if (replication && replication.state !== 'Succeeded') {
    return replication.state === 'Failed'
      ? `Copying restore point '${source.name ?? '?'}' to this region failed; its disks cannot be restored.`
      : `Restore point '${source.name ?? '?'}' is still being copied to this region (${replication.percent}%); restore its disks when the copy is complete.`;
  }
  return undefined;
}

/** The existing collections that hold copies of a source collection in a region, to offer before creating one. */
export function copyCollectionsIn<C extends { location?: string; source?: { id?: string } }>(collections: readonly C[], sourceCollectionId: string, region: string): C[] {
  const source = sourceCollectionId.toLowerCase();
  return collections.filter((c) => c.source?.id?.toLowerCase() === source && c.location !== undefined && same(c.location, region));
}
