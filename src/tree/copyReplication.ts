import type { RestorePoint } from '@azure/arm-compute';
import { aggregateReplication, type ReplicationState } from '../azure/actions/replicationProgress';
import type { SubscriptionInfo } from '../azure/arm';
import { readRestorePoint } from '../azure/restorePoints';
import type { ClientFactory } from '../azure/clients';
import { idKey } from '../azure/ids';
import { createLimiter } from '../azure/limiter';

export interface CopyProgress {
  state: ReplicationState;
  percent: number;
}

/** What the tree shows of a copy not known complete: its progress, or `Unknown` when its instance view could not be read. */
export type CopyState = CopyProgress | { state: 'Unknown' };

/** A copy as the tree knows it: its id and when it was made. */
export interface CopyRef {
  id?: string;
  timeCreated?: Date;
}

/** A copy deleted and made again under the same name replicates again: it is another copy. */
const keyOf = (copy: CopyRef): string => `${idKey(copy.id ?? '')} ${copy.timeCreated?.getTime() ?? ''}`;

/**
 * The collection's `$expand=restorePoints` carries no instance view, so a copy whose disks still
 * replicate reads "Succeeded" there. Each copy is read once with `$expand=instanceView` when its
 * collection expands; a complete one is remembered (replication never goes back) and not read again.
 */
export class CopyReplication {
  private readonly complete = new Set<string>();
  /** A cross-region collection may hold hundreds of copies: a few reads at a time, not a burst. */
  private readonly limit = createLimiter(3);

  isComplete(copy: CopyRef): boolean {
    return this.complete.has(keyOf(copy));
  }

  /**
   * The copy's progress; undefined when it is known complete. A read that fails (throttled, say)
   * says `Unknown`, never ARM's "Succeeded", and is not remembered: the next expansion reads again.
   * `seen` gets the instance view read, for the copy's hover.
   */
  async read(factory: ClientFactory, subscription: SubscriptionInfo, copy: CopyRef, seen?: (view: RestorePoint) => void): Promise<CopyState | undefined> {
    if (this.isComplete(copy) || !copy.id) return undefined;
    const id = copy.id;
    try {
      const view = await this.limit(() => readRestorePoint(factory, subscription, id, { instanceView: true }));
      seen?.(view);
      return this.remember(copy, aggregateReplication(view));
    } catch {
      return { state: 'Unknown' };
    }
  }

  /** Keeps what a read (the tree's or a Refresh's) said; returns the progress while not complete. */
  remember(copy: CopyRef, status: CopyProgress): CopyProgress | undefined {
    if (status.state === 'Succeeded') {
      this.complete.add(keyOf(copy));
      return undefined;
    }
    return { state: status.state, percent: status.percent };
  }
}
