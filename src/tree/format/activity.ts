import type { IconSpecLike } from './contextValue';
import { english, type Localize } from './localize';

/** The long-running operations the extension starts; the tree marks the item each one works on. */
export type OperationKind =
  | 'createRestorePoint'
  | 'copyRestorePoint'
  | 'deleteRestorePoint'
  | 'deleteRestorePointCollection'
  | 'restoreDisk'
  /** A disk restore point being downloaded: its access is revoked if the window closes first. */
  | 'downloadDisk'
  /** Read access granted for Copy Access URL, until it expires or is revoked. */
  | 'accessGranted'
  /** A clean-up's run: it marks no tree item, its deletes have records of their own. */
  | 'cleanUpRestorePoints';

/** What is going on on one item, as far as this extension knows. */
export interface ItemActivity {
  /** An operation this extension started (or resumed) and has not seen end. */
  operation?: OperationKind;
  /** A copy's replication while it is watched. */
  replication?: { state: 'Replicating' | 'Succeeded' | 'Failed'; percent: number };
  /** Read access this window granted (Copy Access URL) lasts until then (ms since the epoch). */
  accessUntil?: number;
}

/** Words for the item's description, instead of ARM's provisioning state; undefined when nothing is going on. */
export function activityText(activity: ItemActivity, t: Localize = english): string | undefined {
  if (activity.replication?.state === 'Replicating') return t('Replicating {0}%', activity.replication.percent);
  switch (activity.operation) {
    case 'createRestorePoint':
      return t('Creating…');
    case 'copyRestorePoint':
      return t('Copying…');
    case 'deleteRestorePoint':
    case 'deleteRestorePointCollection':
      return t('Deleting…');
    case 'downloadDisk':
      return t('Downloading…');
    default:
      return undefined;
  }
}

/** A spinning icon while something is going on; undefined leaves the item's own icon. */
export function activityIcon(activity: ItemActivity): IconSpecLike | undefined {
  if (activity.replication?.state === 'Replicating') return { id: 'sync~spin' };
  return activityText(activity) ? { id: 'loading~spin' } : undefined;
}

/** Context value token, so menus could tell an item that is busy. */
export function activityToken(activity: ItemActivity): string | undefined {
  return activityText(activity) ? 'busy' : undefined;
}
