import type { RestorePoint } from '@azure/arm-compute';
import * as l10n from '@vscode/l10n';

/**
 * Why the VM a restore point was taken of cannot be brought back from it (as a new VM or in place),
 * or undefined. A Confidential VM's OS disk is encrypted with keys bound to the VM's guest state
 * (`securityEncryptionType`), and a disk restored from it must be created with that encryption and
 * the matching disk encryption set, which neither action sets up: refused before anything is sent.
 */
export function vmSecurityProblem(rp: RestorePoint): string | undefined {
  const source = rp.sourceMetadata;
  const confidential =
    source?.securityProfile?.securityType === 'ConfidentialVM' || !!source?.storageProfile?.osDisk?.managedDisk?.securityProfile?.securityEncryptionType;
  if (!confidential) return undefined;
  return l10n.t(
    "Restore point '{0}' is of a Confidential VM: its OS disk is encrypted with keys bound to that VM, and bringing it back needs confidential disk encryption this extension does not set up. Restore it with the Azure portal or CLI.",
    rp.name ?? '?',
  );
}
