import type { RestorePointCollection } from '@azure/arm-compute';
import * as vscode from 'vscode';
import type { SubscriptionInfo } from '../../azure/arm';
import { readCollection } from '../../azure/restorePointCollections';
import { statusCode } from '../../azure/errors';
import { idKey } from '../../azure/ids';
import { collectionContextValue, collectionDescription, collectionIcon, isCopyCollection } from '../format/collections';
import { isCopy, sortRestorePoints } from '../format/restorePoint';
import { trimCollection } from '../model/trimmed';
import type { AzureResourceRef, TreeNode } from '../RestorePointsTreeProvider';
import type { TreeContext } from './context';
import { failureNode, InfoItem } from './ErrorItem';
import { themeIcon } from './icons';
import { RestorePointItem } from './RestorePointItem';

/**
 * A restore point collection; expanding it is one Get with `$expand=restorePoints`, plus, in a
 * cross-region copy, one instance view read per copy not yet known to be complete.
 */
export class RestorePointCollectionItem implements TreeNode {
  readonly resource: AzureResourceRef;
  collection: RestorePointCollection;
  private loaded?: Promise<RestorePointItem[]>;
  /** Counts loads: one that a reset replaced while it ran leaves the model and the items alone. */
  private generation = 0;
  /** Kept across re-reads by id, so that an expanded restore point keeps its loaded disks. */
  private readonly items = new Map<string, RestorePointItem>();

  constructor(
    private readonly ctx: TreeContext,
    private readonly subscription: SubscriptionInfo,
    readonly parent: TreeNode,
    collection: RestorePointCollection,
    private readonly orphan = false,
  ) {
    this.collection = trimCollection(collection);
    this.resource = { id: collection.id ?? '', tenantId: subscription.tenantId };
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.collection.name ?? this.resource.id, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.resource.id;
    this.ctx.activity.drawnAs(this.resource.id, this);
    const activity = this.ctx.activity.of(this.resource.id);
    item.description = collectionDescription(this.collection, vscode.l10n.t, activity);
    const source = this.collection.source?.id;
    item.tooltip = new vscode.MarkdownString().appendText(
      `${this.collection.name}\n${vscode.l10n.t('Region: {0}', this.collection.location ?? '')}${source ? `\n${vscode.l10n.t('Source: {0}', source)}` : ''}`,
    );
    item.iconPath = themeIcon(collectionIcon(this.collection, activity));
    item.contextValue = collectionContextValue(this.collection, this.orphan, activity);
    return item;
  }

  /** A newer model from a VM's re-read listing. */
  update(collection: RestorePointCollection): void {
    this.collection = trimCollection(collection);
  }

  reset(): void {
    this.generation++;
    this.loaded = undefined;
  }

  /**
   * Refresh: the collection and its restore points, read now (even collapsed, where VS Code asks
   * for no children), so that one deleted elsewhere leaves the tree rather than staying until expanded.
   */
  async reload(): Promise<void> {
    const loading = (this.loaded = this.load(this.generation));
    try {
      await loading;
    } catch (error) {
      if (statusCode(error) !== 404) return; // The row shows the failure, with Retry.
      if (this.loaded === loading) this.loaded = undefined;
      this.ctx.collectionGone(this.resource.id);
    }
  }

  private async load(generation: number): Promise<RestorePointItem[]> {
    const expanded = await readCollection(this.ctx.factory, this.subscription, this.resource.id, { restorePoints: true });
    const points = sortRestorePoints(expanded.restorePoints ?? []);
    // Replaced while it ran: what it read may be older than what the newer load showed.
    if (generation !== this.generation) return points.map((rp) => this.items.get(idKey(rp.id ?? '')) ?? new RestorePointItem(this.ctx, this.subscription, this, rp));
    this.collection = trimCollection(expanded);
    const items = points.map((rp) => {
      const key = idKey(rp.id ?? '');
      const existing = this.items.get(key);
      if (existing) existing.update(rp);
      return existing ?? new RestorePointItem(this.ctx, this.subscription, this, rp);
    });
    const kept = new Set(items);
    this.ctx.activity.forget([...this.items.values()].filter((item) => !kept.has(item)));
    this.items.clear();
    for (const item of items) this.items.set(idKey(item.resource.id), item);
    if (isCopyCollection(this.collection)) await this.readReplication(items);
    return items;
  }

  /** Without this read a copy still replicating would read "Succeeded" (the expanded listing has no instance view). */
  private async readReplication(items: RestorePointItem[]): Promise<void> {
    const copies = items.filter((item) => isCopy(item.restorePoint) && !this.ctx.copies.isComplete(item.restorePoint));
    await Promise.all(
      copies.map(async (item) => {
        item.copyProgress = await this.ctx.copies.read(this.ctx.factory, this.subscription, item.restorePoint, (view) => item.instanceViewRead(view));
      }),
    );
  }

  async getChildren(): Promise<TreeNode[]> {
    const loading = (this.loaded ??= this.load(this.generation));
    try {
      const items = await loading;
      return items.length ? items : [new InfoItem(this, `${this.resource.id}/empty`, vscode.l10n.t('No restore points'))];
    } catch (error) {
      // Only this load's failure is forgotten: a newer one (after a Refresh) stays.
      if (this.loaded === loading) this.loaded = undefined;
      // Deleted elsewhere: it leaves its VM (nothing is read), rather than showing ARM's 404 here.
      if (statusCode(error) === 404) {
        this.ctx.collectionGone(this.resource.id);
        return [];
      }
      return [failureNode(this.ctx, this, this.resource.id, error)];
    }
  }
}
