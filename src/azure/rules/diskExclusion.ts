import * as l10n from '@vscode/l10n';
import type { ConsistencyChoice } from './consistencyModes';
import type { VmDisk } from './vmDisks';

/*
 * "Support matrix for VM restore points": ephemeral OS disks and shared disks are not supported
 * in restore points ("Exclude these disks and create a VM restore point"); Ultra Disks and
 * Premium SSD v2 disks are supported for application consistency but not for crash consistency,
 * and "Overview of VM restore points" adds write-accelerated disks to what crash consistency
 * cannot include. ARM answers 400 InvalidParameter when such a disk is left in.
 */
const CRASH_UNSUPPORTED_SKUS: Record<string, () => string> = {
  // Functions: the messages are translated when asked for, after activation has loaded the bundle.
  ultrassd_lrs: () => l10n.t('Ultra Disks cannot be in a crash-consistent restore point.'),
  premiumv2_lrs: () => l10n.t('Premium SSD v2 disks cannot be in a crash-consistent restore point.'),
};

/** Why a disk must always be excluded, or undefined. */
export function mustExcludeReason(disk: VmDisk): string | undefined {
  if (disk.ephemeral) return l10n.t('Ephemeral OS disks cannot be in a restore point.');
  if ((disk.maxShares ?? 1) > 1) return l10n.t('Shared disks cannot be in a restore point.');
  return undefined;
}

/** Why a disk cannot be in a crash-consistent restore point, or undefined. */
export function crashConsistencyReason(disk: VmDisk): string | undefined {
  const unsupportedSku = disk.sku ? CRASH_UNSUPPORTED_SKUS[disk.sku.toLowerCase()] : undefined;
  if (unsupportedSku) return unsupportedSku();
  if (disk.writeAccelerated) return l10n.t('Write-accelerated disks cannot be in a crash-consistent restore point.');
  return undefined;
}

/** Why a disk must be excluded for this consistency mode, or undefined. */
export const requiredExclusionReason = (disk: VmDisk, mode: ConsistencyChoice): string | undefined =>
  mustExcludeReason(disk) ?? (mode === 'CrashConsistent' ? crashConsistencyReason(disk) : undefined);

/**
 * Why the user may not change whether a disk is excluded, or undefined. The OS disk holds what
 * the restore point is for, so the wizard keeps it in unless it must go.
 */
export function notExcludableReason(disk: VmDisk): string | undefined {
  return disk.role === 'os' && !mustExcludeReason(disk) ? l10n.t('The OS disk is always in the restore point.') : undefined;
}

/** The disks that must be excluded for this mode, to pre-select them. */
export const requiredExclusions = (disks: readonly VmDisk[], mode: ConsistencyChoice): VmDisk[] => disks.filter((d) => requiredExclusionReason(d, mode));

const key = (id: string): string => id.toLowerCase();

/** What ARM would refuse about this set of excluded disks, or undefined. */
export function excludedDisksProblem(disks: readonly VmDisk[], excludedIds: readonly string[], mode: ConsistencyChoice): string | undefined {
  const known = new Set(disks.map((d) => key(d.id)));
  const unknown = excludedIds.find((id) => !known.has(key(id)));
  if (unknown) return l10n.t("The disk '{0}' is not attached to this VM.", unknown);
  const excluded = new Set(excludedIds.map(key));
  const included = disks.filter((d) => !excluded.has(key(d.id)));
  if (included.length === 0) return l10n.t('All disks are excluded; a restore point needs at least one disk.');
  for (const d of included) {
    const reason = requiredExclusionReason(d, mode);
    if (reason) return l10n.t("Exclude '{0}': {1}", d.name, reason);
  }
  return undefined;
}

/** Instant access applies to Premium SSD v2 and Ultra disks only ("RestorePoint.instantAccessDurationMinutes"). */
export const instantAccessApplies = (includedDisks: readonly VmDisk[]): boolean =>
  includedDisks.some((d) => d.sku !== undefined && CRASH_UNSUPPORTED_SKUS[d.sku.toLowerCase()] !== undefined);
