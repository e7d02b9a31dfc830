import type { ClientFactory } from '../../azure/clients';
import type { CloudConfig } from '../../azure/cloud';
import type { TreeActivity } from '../activity';
import type { CopyReplication } from '../copyReplication';
import type { TreeNode } from '../RestorePointsTreeProvider';

/** What every node needs: the ARM clients of the current sign-in and a way to redraw itself. */
export interface TreeContext {
  readonly factory: ClientFactory;
  readonly cloud: CloudConfig;
  /** Redraws a node's children (the whole tree when undefined). */
  refresh(node?: TreeNode): void;
  now(): number;
  /** What is going on on each item (operations, replication) and which node shows each resource. */
  readonly activity: TreeActivity;
  /** Copies' replication, read once per copy until it is complete. */
  readonly copies: CopyReplication;
  /** A collection ARM no longer has (a read found it gone): it leaves the tree without a read. */
  collectionGone(collectionId: string): void;
}
