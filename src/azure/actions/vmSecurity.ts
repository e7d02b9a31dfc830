import type { RestorePoint } from '@azure/arm-compute';
import * as l10n from '@vscode/l10n';

/**
 * Why a VM cannot be brought back from this restore point by the extension, or undefined when it
 * can: one check for Restore as New VM and Revert VM to Restore Point, made before anything is sent.
 *
 * A Confidential VM's OS disk is encrypted together with its VM guest state under a confidential
 * disk encryption set or key, which a disk restored from the restore point must be given again
 * (`securityProfile.secureVMDiskEncryptionSetId`, the key's release policy); the restore point's
 * metadata does not say which, so the restored disk would not boot as the VM it was.
 */
export function unsupportedSecurityReason(rp: RestorePoint): string | undefined {
  const securityType = rp.sourceMetadata?.securityProfile?.securityType ?? '';
  if (securityType.toLowerCase() === 'confidentialvm') {
    return l10n.t(
      "Restore point '{0}' is of a Confidential VM: its OS disk must be restored with the VM's confidential disk encryption set and key, which this extension does not carry over. Restore it from the Azure portal or the CLI.",
      rp.name ?? '',
    );
  }
  return undefined;
}
