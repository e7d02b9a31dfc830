import * as vscode from 'vscode';
import { restoreSourceProblem } from '../../azure/rules/copyAndRestore';
import { DiskRestorePointItem } from '../../tree/nodes/DiskRestorePointItem';
import { RestorePointItem } from '../../tree/nodes/RestorePointItem';
import type { TreeNode } from '../../tree/RestorePointsTreeProvider';

/** The restore point a node shows, when the tree knows it is a copy whose disks are not all in its region yet. */
function incompleteCopy(node: TreeNode | undefined): RestorePointItem | undefined {
  const rp = node instanceof DiskRestorePointItem ? node.parent : node;
  return rp instanceof RestorePointItem && rp.replication ? rp : undefined;
}

/**
 * Restore Disk and Copy to Region need a complete copy. What the tree read (or a watch of ours
 * follows) says so before any question, with the percentage; ARM would refuse with 409 after them.
 */
export function refuseIncompleteCopy(node: TreeNode | undefined, action: 'restore' | 'copy' | 'export'): void {
  const rp = incompleteCopy(node);
  const replication = rp?.replication;
  if (!rp || !replication) return;
  const name = rp.restorePoint.name ?? '';
  if (action === 'restore') throw new Error(restoreSourceProblem(rp.restorePoint, replication));
  if (action === 'export') {
    throw new Error(
      replication.state === 'Failed'
        ? vscode.l10n.t("Copying restore point '{0}' to this region failed; its disks cannot be exported.", name)
        : vscode.l10n.t("Restore point '{0}' is still being copied to this region ({1}%); export its disks when the copy is complete.", name, replication.percent),
    );
  }
  throw new Error(
    replication.state === 'Failed'
      ? vscode.l10n.t("Copying restore point '{0}' to this region failed; it cannot be copied on.", name)
      : vscode.l10n.t("Restore point '{0}' is still being copied to this region ({1}%); copy it on when it is complete.", name, replication.percent),
  );
}
