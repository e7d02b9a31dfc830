import type { RestorePoint } from '@azure/arm-compute';
import * as vscode from 'vscode';
import { getRestorePoint, listDiskRestorePoints, type SubscriptionInfo } from '../../azure/arm';
import { diskRows, diskRowsNeedDetails, isCopy, restorePointContextValue, restorePointDescription, restorePointIcon, restorePointTooltip } from '../format/restorePoint';
import type { AzureResourceRef, TreeNode } from '../RestorePointsTreeProvider';
import type { TreeContext } from './context';
import { DiskRestorePointItem } from './DiskRestorePointItem';
import { failureNode, InfoItem } from './ErrorItem';
import { themeIcon } from './icons';

/**
 * A restore point, as the collection's `$expand=restorePoints` returned it. Its disks come from its
 * source metadata at no cost; only a copy (replication state of each disk) or a disk whose
 * encryption the metadata does not tell costs one request, the disk restore point list. A copy's
 * overall replication progress is fetched only when hovered.
 */
export class RestorePointItem implements TreeNode {
  readonly resource: AzureResourceRef;
  private loaded?: Promise<DiskRestorePointItem[]>;

  constructor(
    private readonly ctx: TreeContext,
    private readonly subscription: SubscriptionInfo,
    readonly restorePoint: RestorePoint,
  ) {
    this.resource = { id: restorePoint.id ?? '', tenantId: subscription.tenantId, model: restorePoint };
  }

  getTreeItem(): vscode.TreeItem {
    const rp = this.restorePoint;
    const item = new vscode.TreeItem(rp.name ?? this.resource.id, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.resource.id;
    // A watched copy's percentage and an operation in progress come from this extension, not from ARM's listing.
    this.ctx.activity?.drawnAs(this.resource.id, this);
    const activity = this.ctx.activity?.of(this.resource.id) ?? {};
    item.description = restorePointDescription(rp, this.ctx.now(), vscode.l10n.t, activity);
    item.iconPath = themeIcon(restorePointIcon(rp, activity));
    item.contextValue = restorePointContextValue(rp, activity);
    // A copy's tooltip needs its instance view; resolveTreeItem fetches it on hover.
    if (!isCopy(rp)) item.tooltip = new vscode.MarkdownString(restorePointTooltip(rp, undefined, vscode.l10n.t));
    return item;
  }

  async resolveTreeItem(item: vscode.TreeItem): Promise<vscode.TreeItem> {
    if (!isCopy(this.restorePoint)) return item;
    let details: RestorePoint | undefined;
    try {
      details = await getRestorePoint(this.ctx.factory, this.subscription, this.resource.id);
    } catch {
      // The tooltip then says the progress is unknown; the tree itself is unaffected.
    }
    item.tooltip = new vscode.MarkdownString(restorePointTooltip(this.restorePoint, details, vscode.l10n.t));
    return item;
  }

  reset(): void {
    this.loaded = undefined;
  }

  private async loadDisks(): Promise<DiskRestorePointItem[]> {
    if (!diskRowsNeedDetails(this.restorePoint)) return diskRows(this.restorePoint, []).map((row) => new DiskRestorePointItem(this.subscription, row, undefined));
    const details = await listDiskRestorePoints(this.ctx.factory, this.subscription, this.resource.id);
    return diskRows(this.restorePoint, details).map((row) => new DiskRestorePointItem(this.subscription, row, details.find((d) => d.id?.toLowerCase() === row.id.toLowerCase())));
  }

  async getChildren(): Promise<TreeNode[]> {
    this.loaded ??= this.loadDisks();
    try {
      const items = await this.loaded;
      return items.length ? items : [new InfoItem(`${this.resource.id}/empty`, vscode.l10n.t('No disk restore points'))];
    } catch (error) {
      this.loaded = undefined;
      return [failureNode(this.ctx, this, this.resource.id, error)];
    }
  }
}
