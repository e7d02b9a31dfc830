import type { RestorePoint } from '@azure/arm-compute';
import * as vscode from 'vscode';
import { aggregateReplication } from '../../azure/actions/replicationProgress';
import type { SubscriptionInfo } from '../../azure/arm';
import { listDiskRestorePointsOf, readRestorePoint } from '../../azure/restorePoints';
import type { CopyProgress, CopyState } from '../copyReplication';
import type { ItemActivity } from '../format/activity';
import { activityText } from '../format/activity';
import { diskRows, diskRowsNeedDetails, isCopy, restorePointContextValue, restorePointDescription, restorePointIcon, restorePointState, restorePointTooltip } from '../format/restorePoint';
import { trimReplicationView, trimRestorePoint } from '../model/trimmed';
import type { AzureResourceRef, TreeNode } from '../RestorePointsTreeProvider';
import type { TreeContext } from './context';
import { DiskRestorePointItem } from './DiskRestorePointItem';
import { failureNode, InfoItem } from './ErrorItem';
import { themeIcon } from './icons';

/**
 * A restore point, as the collection's `$expand=restorePoints` returned it (trimmed to what the tree
 * shows). Its disks come from its source metadata at no cost; only a copy (replication state of each
 * disk) or a disk whose encryption the metadata does not tell costs one request, the disk restore
 * point list. A copy's replication comes from one read of its instance view, made by its collection.
 */
export class RestorePointItem implements TreeNode {
  readonly resource: AzureResourceRef;
  private loaded?: Promise<DiskRestorePointItem[]>;
  restorePoint: RestorePoint;
  /** A copy not known complete, as its last instance view read said (`Unknown` when that read failed); undefined once complete or for restore points taken here. */
  copyProgress?: CopyState;
  /** The disks' replication from the last instance view read, for the hover of a copy. */
  private replicationView?: RestorePoint;

  constructor(
    private readonly ctx: TreeContext,
    private readonly subscription: SubscriptionInfo,
    readonly parent: TreeNode,
    restorePoint: RestorePoint,
  ) {
    this.restorePoint = trimRestorePoint(restorePoint);
    this.resource = { id: restorePoint.id ?? '', tenantId: subscription.tenantId };
  }

  /** A copy's replication while it is known not complete: a watch of ours, else the tree's own read. */
  get replication(): CopyProgress | undefined {
    const watched = this.ctx.activity.of(this.resource.id).replication;
    if (watched && watched.state !== 'Succeeded') return watched;
    return this.copyProgress?.state === 'Unknown' ? undefined : this.copyProgress;
  }

  /** A copy whose disks may not all be in its region: replicating, failed, or not known (its read failed). */
  get copyIncomplete(): boolean {
    return !!this.replication || this.copyProgress?.state === 'Unknown';
  }

  /** The copy's state as the rows show it when no watch of ours says more. */
  private copyState(): CopyState | undefined {
    const watched = this.ctx.activity.of(this.resource.id).replication;
    return watched && watched.state !== 'Succeeded' ? watched : this.copyProgress;
  }

  /** What this extension knows is going on: its own operations, and a copy's replication. */
  private activity(): ItemActivity {
    const replication = this.replication;
    return { ...this.ctx.activity.of(this.resource.id), replication: replication?.state === 'Replicating' ? { state: 'Replicating', percent: replication.percent } : undefined };
  }

  /** Creating, or an operation of ours on it: nothing may be restored, copied or deleted from it yet. */
  get busy(): boolean {
    return restorePointState(this.restorePoint) === 'creating' || !!activityText({ operation: this.ctx.activity.of(this.resource.id).operation });
  }

  getTreeItem(): vscode.TreeItem {
    const rp = this.restorePoint;
    const item = new vscode.TreeItem(rp.name ?? this.resource.id, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.resource.id;
    this.ctx.activity.drawnAs(this.resource.id, this);
    const activity = this.activity();
    const copy = this.copyState();
    item.description = restorePointDescription(rp, this.ctx.now(), vscode.l10n.t, activity, copy);
    item.iconPath = themeIcon(restorePointIcon(rp, activity, copy));
    item.contextValue = restorePointContextValue(rp, this.ctx.activity.of(this.resource.id), this.copyProgress);
    // A copy's tooltip needs its instance view; resolveTreeItem fetches it on hover.
    if (!isCopy(rp)) item.tooltip = new vscode.MarkdownString(restorePointTooltip(rp, undefined, vscode.l10n.t));
    return item;
  }

  /** An instance view read (its collection's, a Refresh's or a hover's): the hover shows it rather than reading again. */
  instanceViewRead(view: RestorePoint): void {
    this.replicationView = trimReplicationView(view);
  }

  async resolveTreeItem(item: vscode.TreeItem): Promise<vscode.TreeItem> {
    if (!isCopy(this.restorePoint)) return item;
    if (!this.replicationView) {
      try {
        this.instanceViewRead(await readRestorePoint(this.ctx.factory, this.subscription, this.resource.id, { instanceView: true }));
      } catch {
        // The tooltip then says the progress is unknown; the tree itself is unaffected.
      }
    }
    item.tooltip = new vscode.MarkdownString(restorePointTooltip(this.restorePoint, this.replicationView, vscode.l10n.t));
    return item;
  }

  /** A newer model from the collection's listing; the disks are read again only if the state moved. */
  update(restorePoint: RestorePoint): void {
    const before = this.restorePoint.provisioningState;
    this.restorePoint = trimRestorePoint(restorePoint);
    if (before !== this.restorePoint.provisioningState) this.reset();
  }

  /** Refresh: one GET, with the instance view, so a copy's replication is read too. */
  async reload(): Promise<void> {
    const fresh = await readRestorePoint(this.ctx.factory, this.subscription, this.resource.id, { instanceView: true });
    this.restorePoint = trimRestorePoint(fresh);
    if (isCopy(fresh)) this.instanceViewRead(fresh);
    this.copyProgress = isCopy(fresh) ? this.ctx.copies.remember(this.restorePoint, aggregateReplication(fresh)) : undefined;
  }

  reset(): void {
    this.loaded = undefined;
  }

  private async loadDisks(): Promise<DiskRestorePointItem[]> {
    if (!diskRowsNeedDetails(this.restorePoint)) return diskRows(this.restorePoint, []).map((row) => new DiskRestorePointItem(this.subscription, this, row, this.ctx));
    const details = await listDiskRestorePointsOf(this.ctx.factory, this.subscription, this.resource.id);
    return diskRows(this.restorePoint, details).map((row) => new DiskRestorePointItem(this.subscription, this, row, this.ctx));
  }

  async getChildren(): Promise<TreeNode[]> {
    const loading = (this.loaded ??= this.loadDisks());
    try {
      const items = await loading;
      return items.length ? items : [new InfoItem(this, `${this.resource.id}/empty`, vscode.l10n.t('No disk restore points'))];
    } catch (error) {
      // Only this load's failure is forgotten: a newer one (after a Refresh) stays.
      if (this.loaded === loading) this.loaded = undefined;
      return [failureNode(this.ctx, this, this.resource.id, error)];
    }
  }
}
