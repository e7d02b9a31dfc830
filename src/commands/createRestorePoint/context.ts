import type { ConsistencyChoice } from '../../azure/rules/consistencyModes';
import type { CollectionChoice } from '../steps/collectionChoice';
import type { TargetContext } from '../steps/targets';
import { loadVmDetails, type VmDetails } from './vmDetails';

export interface CreateRestorePointContext extends TargetContext {
  /** One of the VM's collections, or a new one in its region and resource group. */
  target?: CollectionChoice;
  name?: string;
  mode?: ConsistencyChoice;
  /** Set with the mode: whether the restore point will hold Premium SSD v2 or Ultra disks. */
  instantAccessApplies?: boolean;
  /** Minutes; null keeps ARM's default. */
  instantAccessMinutes?: number | null;
  excludeDiskIds?: string[];
}

/** Read once per wizard run; a failed load is not kept, so going Back and on again retries it. */
export const vmDetails = (ctx: CreateRestorePointContext): Promise<VmDetails> => ctx.reads.once(ctx.subscription!, `vmDetails:${ctx.vmId!}`, () => loadVmDetails(ctx));
