import type { Disk } from '@azure/arm-compute';
import type { ClientFactory } from '../../clients';
import { readDisk } from '../../disks';
import { statusCode } from '../../errors';
import { idKey, lastSegment } from '../../ids';
import { readNetworkInterface, readPublicIpAddress, readVirtualNetwork } from '../../networks';
import { readResourceGroup } from '../../resourceGroups';
import type { SubscriptionRef } from '../../subscriptionScope';
import { readVirtualMachine } from '../../virtualMachines';
import { isKeptDisk } from '../revertVm';
import { createdSoFar, type RunRecord } from './runRecord';

type Created = ReturnType<typeof createdSoFar>[number];

/** What a run created, as it stands now: what Delete What Was Created may remove, and what it must leave. */
export interface CreatedNow {
  removable: Created[];
  /** Restored disks a VM the run did not create now uses, or that a later revert keeps as an original. */
  inUse: Created[];
}

/** Reads a created resource again, for whether it still exists (404 when it does not); a disk is returned, for what uses it. */
async function readCreated(factory: ClientFactory, subscription: SubscriptionRef, c: Created, abortSignal?: AbortSignal): Promise<Disk | undefined> {
  switch (c.kind) {
    case 'restoreDisk':
      return readDisk(factory, subscription, c.id, { abortSignal });
    case 'createResourceGroup':
      await readResourceGroup(factory, subscription, lastSegment(c.id), { abortSignal });
      return undefined;
    case 'putVirtualMachine':
      await readVirtualMachine(factory, subscription, c.id, { abortSignal });
      return undefined;
    case 'createNetworkInterface':
      await readNetworkInterface(factory, subscription, c.id, { abortSignal });
      return undefined;
    case 'createVirtualNetwork':
      await readVirtualNetwork(factory, subscription, c.id, { abortSignal });
      return undefined;
    case 'createPublicIpAddress':
      await readPublicIpAddress(factory, subscription, c.id, { abortSignal });
      return undefined;
    default:
      return undefined;
  }
}

/**
 * What the run created, each resource read again: only what still exists is listed, so the modal
 * of Delete What Was Created names nothing that someone already deleted. A disk a revert attached
 * to its VM is in use (deleting it would fail, or leave the VM without it), and a disk a later
 * revert took off and tagged as kept is that revert's original; neither may be deleted. A disk
 * attached to the VM the run itself created goes with it (the VM is deleted first). A resource
 * already gone is in neither list.
 */
export async function createdNow(factory: ClientFactory, subscription: SubscriptionRef, run: RunRecord, abortSignal?: AbortSignal): Promise<CreatedNow> {
  const created = createdSoFar(run);
  const ownVms = new Set(created.filter((c) => c.kind === 'putVirtualMachine').map((c) => idKey(c.id)));
  const states = await Promise.all(
    created.map(async (c): Promise<'removable' | 'inUse' | 'gone'> => {
      try {
        const disk = await readCreated(factory, subscription, c, abortSignal);
        return disk && ((disk.managedBy && !ownVms.has(idKey(disk.managedBy))) || isKeptDisk(disk)) ? 'inUse' : 'removable';
      } catch (error) {
        if (statusCode(error) === 404) return 'gone';
        throw error;
      }
    }),
  );
  return { removable: created.filter((_, i) => states[i] === 'removable'), inUse: created.filter((_, i) => states[i] === 'inUse') };
}
