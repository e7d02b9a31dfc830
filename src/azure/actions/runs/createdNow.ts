import type { ClientFactory } from '../../clients';
import { readDisk } from '../../disks';
import { statusCode } from '../../errors';
import { idKey, lastSegment } from '../../ids';
import { readResourceGroup } from '../../resourceGroups';
import type { SubscriptionRef } from '../../subscriptionScope';
import { isKeptDisk } from '../revertVm';
import { createdSoFar, type RunRecord } from './runRecord';

type Created = ReturnType<typeof createdSoFar>[number];

/** What a run created, as it stands now: what Delete What Was Created may remove, and what it must leave. */
export interface CreatedNow {
  removable: Created[];
  /** Restored disks a VM the run did not create now uses, or that a later revert keeps as an original. */
  inUse: Created[];
}

/**
 * What the run created, each restored disk read again: a disk a revert attached to its VM is in use
 * (deleting it would fail, or leave the VM without it), and a disk a later revert took off and
 * tagged as kept is that revert's original; neither may be deleted. A disk attached to the VM the
 * run itself created goes with it (the VM is deleted first). A disk or group already gone is in
 * neither list.
 */
export async function createdNow(factory: ClientFactory, subscription: SubscriptionRef, run: RunRecord, abortSignal?: AbortSignal): Promise<CreatedNow> {
  const created = createdSoFar(run);
  const ownVms = new Set(created.filter((c) => c.kind === 'putVirtualMachine').map((c) => idKey(c.id)));
  const states = await Promise.all(
    created.map(async (c): Promise<'removable' | 'inUse' | 'gone'> => {
      if (c.kind !== 'restoreDisk' && c.kind !== 'createResourceGroup') return 'removable';
      try {
        if (c.kind === 'createResourceGroup') {
          await readResourceGroup(factory, subscription, lastSegment(c.id));
          return 'removable';
        }
        const disk = await readDisk(factory, subscription, c.id, { abortSignal });
        return (disk.managedBy && !ownVms.has(idKey(disk.managedBy))) || isKeptDisk(disk) ? 'inUse' : 'removable';
      } catch (error) {
        if (statusCode(error) === 404) return 'gone';
        throw error;
      }
    }),
  );
  return { removable: created.filter((_, i) => states[i] === 'removable'), inUse: created.filter((_, i) => states[i] === 'inUse') };
}
