import { aggregateReplication, type ReplicationState } from '../azure/actions/replicationProgress';
import { getRestorePoint, type SubscriptionInfo } from '../azure/arm';
import type { ClientFactory } from '../azure/clients';
import { idKey } from '../azure/ids';
import { createLimiter } from '../azure/limiter';

export interface CopyProgress {
  state: ReplicationState;
  percent: number;
}

/**
 * The collection's `$expand=restorePoints` carries no instance view, so a copy whose disks still
 * replicate reads "Succeeded" there. Each copy is read once with `$expand=instanceView` when its
 * collection expands; a complete one is remembered (replication never goes back) and not read again.
 */
export class CopyReplication {
  private readonly complete = new Set<string>();
  /** A cross-region collection may hold hundreds of copies: a few reads at a time, not a burst. */
  private readonly limit = createLimiter(3);

  isComplete(restorePointId: string): boolean {
    return this.complete.has(idKey(restorePointId));
  }

  /** The copy's progress; undefined when it is known complete or could not be read (the row then shows ARM's state). */
  async read(factory: ClientFactory, subscription: SubscriptionInfo, restorePointId: string): Promise<CopyProgress | undefined> {
    if (this.isComplete(restorePointId)) return undefined;
    try {
      return this.remember(restorePointId, aggregateReplication(await this.limit(() => getRestorePoint(factory, subscription, restorePointId))));
    } catch {
      return undefined;
    }
  }

  /** Keeps what a read (the tree's or a Refresh's) said; returns the progress while not complete. */
  remember(restorePointId: string, status: CopyProgress): CopyProgress | undefined {
    if (status.state === 'Succeeded') {
      this.complete.add(idKey(restorePointId));
      return undefined;
    }
    return { state: status.state, percent: status.percent };
  }
}
