import type { ConsistencyChoice } from '../../azure/rules/consistencyModes';
import type { TargetContext } from '../steps/targets';
import { loadVmDetails, type VmDetails } from './vmDetails';

export interface CreateRestorePointContext extends TargetContext {
  details?: Promise<VmDetails>;
  /** Set when the user chose to create a collection in the VM's region. */
  newCollectionName?: string;
  name?: string;
  mode?: ConsistencyChoice;
  /** Set with the mode: whether the restore point will hold Premium SSD v2 or Ultra disks. */
  instantAccessApplies?: boolean;
  /** Minutes; null keeps ARM's default. */
  instantAccessMinutes?: number | null;
  excludeDiskIds?: string[];
}

export function vmDetails(ctx: CreateRestorePointContext): Promise<VmDetails> {
  ctx.details ??= loadVmDetails(ctx);
  // A failed load is not kept, so that going Back and on again retries it.
  ctx.details.catch(() => (ctx.details = undefined));
  return ctx.details;
}
