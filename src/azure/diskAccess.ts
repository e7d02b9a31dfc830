import { grantAccess, revokeAccess, type AccessGrant } from './actions/diskAccess';
import type { LongRunningOptions } from './actions/longRunning';
import type { ClientFactory } from './clients';
import { computeClientOf, type SubscriptionRef } from './subscriptionScope';

export type { AccessGrant } from './actions/diskAccess';

/** Read access to a disk restore point for `durationSeconds` (long-running); the URL is a secret. */
export async function grantDiskRestorePointAccess(factory: ClientFactory, subscription: SubscriptionRef, diskRestorePointId: string, durationSeconds: number, options: LongRunningOptions = {}): Promise<AccessGrant> {
  return grantAccess(await computeClientOf(factory, subscription), diskRestorePointId, durationSeconds, { ...options, limit: factory.limit });
}

export async function revokeDiskRestorePointAccess(factory: ClientFactory, subscription: SubscriptionRef, diskRestorePointId: string, options: LongRunningOptions = {}): Promise<void> {
  return revokeAccess(await computeClientOf(factory, subscription), diskRestorePointId, { ...options, limit: factory.limit });
}
