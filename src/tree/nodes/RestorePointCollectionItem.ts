import type { RestorePointCollection } from '@azure/arm-compute';
import * as vscode from 'vscode';
import { getRestorePointCollection, type SubscriptionInfo } from '../../azure/arm';
import { collectionContextValue, collectionDescription, collectionIcon } from '../format/collections';
import { sortRestorePoints } from '../format/restorePoint';
import type { AzureResourceRef, TreeNode } from '../RestorePointsTreeProvider';
import type { TreeContext } from './context';
import { failureNode, InfoItem } from './ErrorItem';
import { themeIcon } from './icons';
import { RestorePointItem } from './RestorePointItem';

/** A restore point collection; expanding it is one Get with `$expand=restorePoints`. */
export class RestorePointCollectionItem implements TreeNode {
  readonly resource: AzureResourceRef;
  private loaded?: Promise<RestorePointItem[]>;

  constructor(
    private readonly ctx: TreeContext,
    private readonly subscription: SubscriptionInfo,
    readonly collection: RestorePointCollection,
    private readonly orphan = false,
  ) {
    this.resource = { id: collection.id ?? '', tenantId: subscription.tenantId, model: collection };
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.collection.name ?? this.resource.id, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.resource.id;
    this.ctx.activity?.drawnAs(this.resource.id, this);
    const activity = this.ctx.activity?.of(this.resource.id) ?? {};
    item.description = collectionDescription(this.collection, vscode.l10n.t, activity);
    const source = this.collection.source?.id;
    item.tooltip = new vscode.MarkdownString().appendText(
      `${this.collection.name}\n${vscode.l10n.t('Region: {0}', this.collection.location ?? '')}${source ? `\n${vscode.l10n.t('Source: {0}', source)}` : ''}`,
    );
    item.iconPath = themeIcon(collectionIcon(this.collection, activity));
    item.contextValue = collectionContextValue(this.collection, this.orphan, activity);
    return item;
  }

  reset(): void {
    this.loaded = undefined;
  }

  async getChildren(): Promise<TreeNode[]> {
    this.loaded ??= getRestorePointCollection(this.ctx.factory, this.subscription, this.resource.id).then((expanded) =>
      sortRestorePoints(expanded.restorePoints ?? []).map((rp) => new RestorePointItem(this.ctx, this.subscription, rp)),
    );
    try {
      const items = await this.loaded;
      return items.length ? items : [new InfoItem(`${this.resource.id}/empty`, vscode.l10n.t('No restore points'))];
    } catch (error) {
      this.loaded = undefined;
      return [failureNode(this.ctx, this, this.resource.id, error)];
    }
  }
}
