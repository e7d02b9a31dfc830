import type { ClientFactory } from '../../azure/clients';
import type { CloudConfig } from '../../azure/cloud';
import type { TreeActivity } from '../activity';
import type { TreeNode } from '../RestorePointsTreeProvider';

/** What every node needs: the ARM clients of the current sign-in and a way to redraw itself. */
export interface TreeContext {
  readonly factory: ClientFactory;
  readonly cloud: CloudConfig;
  /** Redraws a node's children (the whole tree when undefined). */
  refresh(node?: TreeNode): void;
  now(): number;
  /** What is going on on each item (operations, replication); absent where nothing reports it. */
  readonly activity?: TreeActivity;
}
