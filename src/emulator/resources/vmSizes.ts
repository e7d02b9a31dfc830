import type { ArmRoute } from '../http/context';
import { invalidParameter } from '../http/errors';
import { findRegion } from '../data/regions';
import { OS_DISK_SIZE_IN_MB, VM_SIZES } from '../data/vmSizes';

/**
 * VirtualMachineSizes_List: the sizes a region offers, in one unpaged list (the spec's
 * `nextLinkName: null`). An unknown region's code is not documented; InvalidParameter is our choice.
 */
export const vmSizeRoutes: ArmRoute[] = [
  {
    method: 'GET',
    template: '/subscriptions/{subscriptionId}/providers/Microsoft.Compute/locations/{location}/vmSizes',
    family: 'virtualMachines',
    scope: 'access',
    action: 'Microsoft.Compute/locations/vmSizes/read',
    handler: (ctx) => {
      if (!findRegion(ctx.params.location)) throw invalidParameter(`The location '${ctx.params.location}' is not available for this subscription.`, 'location');
      return { status: 200, body: { value: VM_SIZES.map((s) => ({ ...s, osDiskSizeInMB: OS_DISK_SIZE_IN_MB })) } };
    },
  },
];
