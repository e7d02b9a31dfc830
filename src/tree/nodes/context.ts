import type { ClientFactory } from '../../azure/clients';
import type { CloudConfig } from '../../azure/cloud';
import type { TreeNode } from '../RestorePointsTreeProvider';

/** What every node needs: the ARM clients of the current sign-in and a way to redraw itself. */
export interface TreeContext {
  readonly factory: ClientFactory;
  readonly cloud: CloudConfig;
  /** Redraws a node's children (the whole tree when undefined). */
  refresh(node?: TreeNode): void;
  now(): number;
}
