import type { ComputeManagementClient } from '@azure/arm-compute';
import { rememberSecret } from '../logging';
import { idParts } from '../subscriptionScope';
import { sdkOptions, untilDone, type LongRunningOptions } from './longRunning';

/** A read SAS on a disk restore point's blob. The URL is a secret: whoever has it can read the disk. */
export interface AccessGrant {
  url: string;
  /** When the access ends, as asked for (ARM does not say; a second grant may only extend it). */
  expiresOn: Date;
}

/**
 * GrantAccess (`beginGetAccess`) on a disk restore point: Read, as a fixed VHD, for a time. While a
 * grant is active Azure returns the same URL with the later expiry, so asking again is harmless.
 * The URL and its signature are handed to the log filter before anything could write them.
 */
export async function grantAccess(client: ComputeManagementClient, diskRestorePointId: string, durationSeconds: number, options: LongRunningOptions = {}): Promise<AccessGrant> {
  const { resourceGroup, name, children } = idParts(diskRestorePointId);
  const startedAt = Date.now();
  const result = await untilDone(
    () => client.diskRestorePoint.grantAccess(resourceGroup, name, children[1], children[3], { access: 'Read', durationInSeconds: durationSeconds, fileFormat: 'VHD' }, sdkOptions(options)),
    options,
  );
  if (!result.accessSAS) throw new Error(`ARM granted access to '${children[3]}' but returned no URL.`);
  rememberSecret(result.accessSAS);
  rememberSecret(new URL(result.accessSAS).searchParams.get('sig') ?? undefined);
  return { url: result.accessSAS, expiresOn: new Date(startedAt + durationSeconds * 1000) };
}

/** RevokeAccess (`endGetAccess`): the URL stops working. Revoking when nothing is granted succeeds. */
export async function revokeAccess(client: ComputeManagementClient, diskRestorePointId: string, options: LongRunningOptions = {}): Promise<void> {
  const { resourceGroup, name, children } = idParts(diskRestorePointId);
  await untilDone(() => client.diskRestorePoint.revokeAccess(resourceGroup, name, children[1], children[3], sdkOptions(options)), options);
}
