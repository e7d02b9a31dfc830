import type { DataDisk, Disk, RestorePoint, VirtualMachine } from '@azure/arm-compute';
import * as l10n from '@vscode/l10n';
import { idKey, lastSegment, parseResourceId } from '../ids';
import { diskKey, restorePointDisks } from './restoredDisks';
import type { DiskSwap, RunKind, RunRecord, StepRecord, StepSpec } from './runs/runRecord';

/**
 * Tags on a disk a revert took off its VM: which VM, at which slot ('os' or the LUN), and the disk
 * that took its place. Undo Revert finds the kept disks by them.
 */
export const KEPT_DISK_TAGS = {
  vm: 'restorePoints.revertedVm',
  slot: 'restorePoints.slot',
  replacedBy: 'restorePoints.replacedBy',
  restorePoint: 'restorePoints.revertedTo',
} as const;

export type { DiskSwap };

export interface SwapPlan {
  run: RunRecord;
  swaps: DiskSwap[];
}

interface SwapInput {
  tenantId: string;
  subscriptionId: string;
  vm: VirtualMachine;
  /** Whether the VM runs now: it is started again at the end if so. */
  running: boolean;
  /** Already deallocated: no need to ask. */
  deallocated: boolean;
}

const step = (spec: StepSpec, title: string): StepRecord => ({ spec, title, status: 'pending' });

/** The VM's current disk in a slot. */
function currentDiskIn(vm: VirtualMachine, slot: string): string | undefined {
  if (slot === 'os') return vm.storageProfile?.osDisk?.managedDisk?.id;
  return vm.storageProfile?.dataDisks?.find((d) => String(d.lun) === slot)?.managedDisk?.id;
}

/**
 * The VM's model with the disks of `swaps` in their slots (`createOption: Attach`); its other data
 * disks stay as they are. Read-only parts of the model ARM gave are left out of the PUT.
 */
export function swappedModel(vm: VirtualMachine, swaps: readonly DiskSwap[]): VirtualMachine {
  const bySlot = new Map(swaps.map((s) => [s.slot, s.newDiskId]));
  const attach = (id: string) => ({ id });
  const os = vm.storageProfile?.osDisk;
  const newOs = bySlot.get('os');
  const dataDisks: DataDisk[] = (vm.storageProfile?.dataDisks ?? []).map((d) => {
    const id = bySlot.get(String(d.lun));
    return id ? { lun: d.lun, name: lastSegment(id), caching: d.caching, createOption: 'Attach', managedDisk: attach(id) } : d;
  });
  // A restored data disk at a LUN the VM no longer uses is attached there.
  for (const s of swaps) if (s.slot !== 'os' && !dataDisks.some((d) => String(d.lun) === s.slot)) dataDisks.push({ lun: Number(s.slot), name: lastSegment(s.newDiskId), createOption: 'Attach', managedDisk: attach(s.newDiskId) });
  const model: VirtualMachine = { ...vm };
  for (const readOnly of ['instanceView', 'provisioningState', 'vmId', 'timeCreated', 'resources'] as const) delete (model as unknown as Record<string, unknown>)[readOnly];
  model.storageProfile = {
    ...vm.storageProfile,
    osDisk: newOs ? { osType: os?.osType, name: lastSegment(newOs), caching: os?.caching, createOption: 'Attach', managedDisk: attach(newOs) } : os!,
    dataDisks: dataDisks.sort((a, b) => a.lun - b.lun),
  };
  // An image reference names what the VM was created from; a VM booting from an attached disk has none.
  if (newOs) delete model.storageProfile.imageReference;
  return model;
}

/**
 * Deallocate, swap, then the start: shared by Revert and Undo Revert. A revert tags the disks it
 * keeps first (`tagFirst`), so that Undo Revert finds them whatever step fails later; Undo Revert
 * removes its tags only once the disks are back in their slots.
 */
function swapStages(input: SwapInput, swaps: DiskSwap[], tagging: StepRecord[], tagFirst: boolean): StepRecord[][] {
  const vmId = input.vm.id!;
  const name = input.vm.name ?? lastSegment(vmId);
  const tags = tagging.length ? [tagging] : [];
  return [
    ...(tagFirst ? tags : []),
    ...(input.deallocated ? [] : [[step({ kind: 'deallocateVirtualMachine', vmId }, l10n.t("Stop and deallocate '{0}'", name))]]),
    [step({ kind: 'putVirtualMachine', vmId, vm: swappedModel(input.vm, swaps), creates: false, attaches: swaps.map((s) => s.newDiskId) }, l10n.t("Swap the disks of '{0}'", name))],
    ...(tagFirst ? [] : tags),
    ...(input.running ? [[step({ kind: 'startVirtualMachine', vmId }, l10n.t("Start '{0}' again", name))]] : []),
  ];
}

function runOf(kind: RunKind, input: SwapInput, runId: string, now: number, stages: StepRecord[][], swaps: DiskSwap[]): RunRecord {
  return { id: runId, kind, name: input.vm.name ?? '', vmId: input.vm.id!, tenantId: input.tenantId, subscriptionId: input.subscriptionId, startedAt: now, state: 'running', stages: stages.map((steps) => ({ steps })), swaps };
}

/** A restored disk's name: the disk it replaces, then when (`-r<yyyyMMddHHmm>`), within the 80 characters a disk name may have. */
export const revertedDiskName = (currentName: string, stamp: string): string => `${currentName.slice(0, 80 - stamp.length - 2)}-r${stamp}`;

/**
 * A restored disk's name no disk of the group has: two reverts in one minute would otherwise pick
 * the same name, and the second would overwrite (and count as its own) the first one's disk.
 */
function freeDiskName(currentName: string, stamp: string, taken: ReadonlySet<string>): string {
  let name = revertedDiskName(currentName, stamp);
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = revertedDiskName(currentName, `${stamp}-${n}`);
  return name;
}

/**
 * Revert in place: every disk of the restore point restored beside the VM (side by side), the VM
 * deallocated, its disks swapped for the restored ones at the same slots, the disks it had tagged
 * with what replaced them (kept, never deleted), and the VM started again if it was running.
 */
export function revertVmRun(input: SwapInput & { restorePoint: RestorePoint; stamp: string; groupDisks?: readonly Disk[] }, runId: string, now: number): SwapPlan {
  const vm = input.vm;
  // A PATCH of tags replaces them all: the kept disk's own tags go with the revert's, so none is lost.
  const tagsOf = (id: string): Record<string, string> => input.groupDisks?.find((d) => idKey(d.id ?? '') === idKey(id))?.tags ?? {};
  const group = parseResourceId(vm.id!)!.resourceGroup;
  const disks = restorePointDisks(input.restorePoint);
  const taken = new Set((input.groupDisks ?? []).map((d) => (d.name ?? '').toLowerCase()));
  const swaps: DiskSwap[] = disks.flatMap((d) => {
    const current = currentDiskIn(vm, diskKey(d)) ?? d.sourceDiskId ?? '';
    const name = freeDiskName(lastSegment(current || d.name), input.stamp, taken);
    taken.add(name.toLowerCase());
    const newDiskId = `/subscriptions/${input.subscriptionId}/resourceGroups/${group}/providers/Microsoft.Compute/disks/${name}`;
    return [{ slot: diskKey(d), currentDiskId: current, newDiskId }];
  });
  const source = input.restorePoint.sourceMetadata;
  // The OS disk comes back as the source's: its OS, generation and security type (Trusted Launch), as for Restore as New VM.
  const osDiskProperties = { osType: source?.storageProfile?.osDisk?.osType, hyperVGeneration: source?.hyperVGeneration, securityType: source?.securityProfile?.securityType };
  const restores = disks.map((d, i) =>
    step(
      { kind: 'restoreDisk', diskId: swaps[i].newDiskId, diskRestorePointId: d.diskRestorePointId, location: vm.location!, sku: d.sku, ...(d.lun === 'os' ? osDiskProperties : {}) },
      l10n.t("Restore disk '{0}' from '{1}'", lastSegment(swaps[i].newDiskId), d.name),
    ),
  );
  const replaced = swaps.filter((s) => s.currentDiskId && idKey(s.currentDiskId) !== idKey(s.newDiskId) && currentDiskIn(vm, s.slot));
  const tagging = replaced.map((s) =>
    step(
      { kind: 'tagDisk', diskId: s.currentDiskId, tags: { ...tagsOf(s.currentDiskId), [KEPT_DISK_TAGS.vm]: vm.id!, [KEPT_DISK_TAGS.slot]: s.slot, [KEPT_DISK_TAGS.replacedBy]: lastSegment(s.newDiskId), [KEPT_DISK_TAGS.restorePoint]: input.restorePoint.name ?? '' } },
      l10n.t("Tag the kept disk '{0}'", lastSegment(s.currentDiskId)),
    ),
  );
  return { run: runOf('revertVm', input, runId, now, [restores, ...swapStages(input, swaps, tagging, true)], swaps), swaps };
}

/** Whether a disk carries the tags of a disk a revert took off a VM (any VM): it is kept, never deleted as created. */
export const isKeptDisk = (disk: Disk): boolean => !!disk.tags?.[KEPT_DISK_TAGS.vm] && disk.tags?.[KEPT_DISK_TAGS.slot] !== undefined;

/**
 * The disks Undo Revert puts back, one per slot: of the disks a revert of this VM kept (by their
 * tags), the one replaced by the disk the VM has in that slot now. After two reverts both earlier
 * disks are kept; only the last one's goes back. A kept disk whose replacement is not attached
 * (the revert stopped before its swap) has nothing to undo.
 */
export function keptDisksOf(vm: VirtualMachine, disks: readonly Disk[]): Disk[] {
  return disks.filter((d) => {
    if (!isKeptDisk(d) || idKey(d.tags![KEPT_DISK_TAGS.vm]) !== idKey(vm.id ?? '')) return false;
    const now = currentDiskIn(vm, d.tags![KEPT_DISK_TAGS.slot]);
    return !!now && lastSegment(now).toLowerCase() === (d.tags![KEPT_DISK_TAGS.replacedBy] ?? '').toLowerCase();
  });
}

/** A disk's tags without the ones a revert put on it. */
const withoutKeptTags = (tags: Record<string, string> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(tags ?? {}).filter(([k]) => !(Object.values(KEPT_DISK_TAGS) as string[]).includes(k)));

/** Undo Revert: the kept disks back in their slots with their own tags (the revert's removed); the restored disks stay, detached. */
export function undoRevertRun(input: SwapInput & { kept: readonly Disk[] }, runId: string, now: number): SwapPlan {
  const swaps: DiskSwap[] = input.kept.map((d) => {
    const slot = d.tags![KEPT_DISK_TAGS.slot];
    return { slot, currentDiskId: currentDiskIn(input.vm, slot) ?? '', newDiskId: d.id! };
  });
  const tagging = input.kept.map((d) => step({ kind: 'tagDisk', diskId: d.id!, tags: withoutKeptTags(d.tags) }, l10n.t("Remove the revert's tags from '{0}'", d.name ?? '')));
  return { run: runOf('undoRevert', input, runId, now, swapStages(input, swaps, tagging, false), swaps), swaps };
}
