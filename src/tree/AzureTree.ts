import * as vscode from 'vscode';
import { listSubscriptions, type SubscriptionInfo } from '../azure/arm';
import { createConnection, SIGN_IN_SETTINGS, type AzureConnection } from '../azure/auth/configuredSignIn';
import type { TenantStatus } from '../azure/auth/signIn';
import { statusCode } from '../azure/errors';
import { collectionIdOf, idKey, parseResourceId, resourceTypePath } from '../azure/ids';
import { isVmId } from './format/collections';
import { TreeActivity, type ActivitySources } from './activity';
import { CopyReplication } from './copyReplication';
import type { TreeContext } from './nodes/context';
import { failureNode } from './nodes/ErrorItem';
import { SubscriptionItem } from './nodes/SubscriptionItem';
import { RestorePointsTreeProvider, type TreeNode } from './RestorePointsTreeProvider';

export const SELECTED_SUBSCRIPTIONS = 'selectedSubscriptions';
export const SELECTED_TENANT = 'selectedTenant';

/** `tenantId/subscriptionId`, the form the Azure Resources extension remembers its filter in. */
export function subscriptionKey(s: { tenantId: string; subscriptionId: string }): string {
  return `${s.tenantId}/${s.subscriptionId}`;
}

/** Every subscription the signed-in identity can see, per tenant; a tenant that fails says why. */
export interface SubscriptionListing {
  tenants: TenantStatus[];
  subscriptions: SubscriptionInfo[];
  failures: { tenant: TenantStatus; error: unknown }[];
}

/**
 * What an action changed, by ARM id: a restore point (created, deleted, copied in: its collection
 * is read again) or a collection (created: it is read by itself and joins its VM; `gone`, deleted:
 * it leaves the tree, nothing is read). `vmId` names the VM of a collection the tree does not know yet.
 */
export interface TreeChange {
  id: string;
  vmId?: string;
  gone?: boolean;
}

/** The subscription listing and the subscriptions' items, which outlive a new listing. */
interface RootCache {
  listing?: Promise<SubscriptionListing>;
  items: Map<string, SubscriptionItem>;
}

/**
 * Session changes come in bursts (VS Code fires one per account and scope as it refreshes tokens);
 * one redraw when none came for this long lists the subscriptions once.
 */
const SESSION_CHANGE_COALESCE_MS = 500;

/**
 * The sign-in, the ARM clients and the top of the tree. Rebuilt when a sign-in setting changes;
 * the tree below the subscriptions lives in the nodes themselves.
 */
export class AzureTree implements vscode.Disposable {
  readonly provider: RestorePointsTreeProvider;
  readonly activity: TreeActivity;
  /**
   * Made on first use, not in activate(): reading the cloud settings needs the Azure SDK
   * (@microsoft/vscode-azext-azureauth), and loading the SDK is what made activation slow.
   */
  private connected?: { connection: AzureConnection; events: vscode.Disposable };
  private readonly disposables: vscode.Disposable[] = [];
  /**
   * The subscription listing and its nodes, kept until the whole tree is refreshed: VS Code's view
   * and any other reader of the root (the tests, a command) then share one listing and the same
   * subscription nodes, rather than each asking ARM and loading every subscription again.
   */
  private rootCache?: RootCache;
  /** Who was signed in when the subscriptions were last listed: a session change that keeps it changes nothing shown. */
  private listedFor?: string;
  /** Copies known to be complete outlive a redraw of the whole tree: replication never goes back. */
  private readonly copies = new CopyReplication();
  private sessionRedraw?: ReturnType<typeof setTimeout>;
  /** Settles once the session changes delivered so far are handled: redrawn, or found to change nothing. */
  private sessionsHandled: { done: Promise<void>; resolve?: () => void } = { done: Promise.resolve() };
  /** Redraws for session changes still asking who is signed in (one may outlast the next one's wait). */
  private sessionRedrawsRunning = 0;

  constructor(
    private readonly context: vscode.ExtensionContext,
    activity?: ActivitySources,
  ) {
    this.provider = new RestorePointsTreeProvider(() => this.roots());
    this.activity = new TreeActivity(activity, (node) => this.refresh(node));
    this.disposables.push(
      this.activity,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (SIGN_IN_SETTINGS.some((s) => e.affectsConfiguration(s))) this.reconnect();
        else if (e.affectsConfiguration(`restorePoints.${SELECTED_SUBSCRIPTIONS}`) || e.affectsConfiguration(`restorePoints.${SELECTED_TENANT}`)) this.refresh();
      }),
      // A workspace's cloud and sign-in settings count only once it is trusted (cloudSettings.ts).
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reconnect()),
    );
  }

  private get connection(): AzureConnection {
    if (!this.connected) {
      const connection = createConnection(this.context);
      this.connected = { connection, events: connection.signIn.onDidChange(() => this.sessionChanged()) };
    }
    return this.connected.connection;
  }

  get signIn(): AzureConnection['signIn'] {
    return this.connection.signIn;
  }

  get factory(): AzureConnection['factory'] {
    return this.connection.factory;
  }

  /**
   * The sign-in reports only its own provider's sessions; a burst of them gives one redraw, once it
   * is over, and none when the account and session are the ones the tree was listed for (a token
   * refresh). The redraw lists the subscriptions again and keeps their items, so what is expanded
   * below them is not read again.
   */
  private sessionChanged(): void {
    if (!this.sessionsHandled.resolve) {
      let resolve!: () => void;
      const done = new Promise<void>((r) => (resolve = r));
      this.sessionsHandled = { done, resolve };
    }
    clearTimeout(this.sessionRedraw);
    this.sessionRedraw = setTimeout(() => {
      this.sessionRedraw = undefined;
      this.sessionRedrawsRunning += 1;
      void this.redrawIfSignInChanged().finally(() => {
        this.sessionRedrawsRunning -= 1;
        // A change that came while the sign-in was being asked has a timer or a redraw of its own still to finish.
        if (!this.sessionRedraw && this.sessionRedrawsRunning === 0) this.settleSessionChanges();
      });
    }, SESSION_CHANGE_COALESCE_MS);
  }

  private settleSessionChanges(): void {
    this.sessionsHandled.resolve?.();
    this.sessionsHandled = { done: Promise.resolve() };
  }

  /** When the session changes delivered so far have been handled (for the tests, which otherwise could only wait a while). */
  sessionChangesHandled(): Promise<void> {
    return this.sessionsHandled.done;
  }

  private async redrawIfSignInChanged(): Promise<void> {
    const identity = await this.signIn.identity?.().catch(() => undefined);
    if (identity !== undefined && identity === this.listedFor) return;
    if (this.rootCache) this.rootCache.listing = undefined;
    this.provider.refresh();
  }

  private disconnect(): void {
    clearTimeout(this.sessionRedraw);
    this.sessionRedraw = undefined;
    this.settleSessionChanges();
    this.rootCache = undefined;
    this.connected?.events.dispose();
    this.connected?.connection.signIn.dispose();
    this.connected = undefined;
  }

  /** The next use makes a connection from the new settings. */
  private reconnect(): void {
    this.disconnect();
    this.refresh();
  }

  refresh(node?: TreeNode): void {
    if (!node) {
      this.rootCache = undefined;
      this.activity.forgetAll();
    }
    this.provider.refresh(node);
  }

  /** Refresh on an item: it forgets its children, reads itself again (a restore point, a collection), and is redrawn with what ARM says now. */
  async reread(node: TreeNode): Promise<void> {
    node.reset?.();
    try {
      await node.reload?.();
    } catch (error) {
      // Gone (deleted elsewhere): the level that listed it is read again instead.
      if (statusCode(error) === 404 && node.parent) return this.reread(node.parent);
      throw error;
    }
    this.provider.refresh(node);
  }

  /**
   * After an action: re-reads only the part of the tree that shows the change, and only when it is
   * on screen (a node VS Code has drawn); what is not shown is read when it is expanded anyway.
   */
  changed(change: TreeChange): void {
    const parsed = parseResourceId(change.id);
    if (!parsed) return;
    const type = resourceTypePath(parsed);
    if (type === 'restorepointcollections/restorepoints') {
      // Read when VS Code draws it again, and only if it is expanded.
      const collection = this.activity.nodeOf(collectionIdOf(change.id));
      collection?.reset?.();
      if (collection) this.provider.refresh(collection);
    } else if (type === 'restorepointcollections') {
      void this.collectionChanged(parsed.subscriptionId, change);
    } else if (type === 'virtualmachines') {
      // A VM made, or its disks and power state changed: its subscription lists its VMs again (one page), keeping what is expanded.
      for (const subscription of this.subscriptionItems(parsed.subscriptionId)) void this.reread(subscription);
    }
  }

  /**
   * The subscription's index and the VM showing the collection learn of it whether or not they are
   * drawn, so that a VM expanded later shows what is there. Nothing is read here: a collection made
   * is read when its VM's collections are next drawn.
   */
  private async collectionChanged(subscriptionId: string, change: TreeChange): Promise<void> {
    for (const subscription of this.subscriptionItems(subscriptionId)) {
      if (change.gone) {
        await subscription.collectionGone(change.id);
        continue;
      }
      const vmKey = (change.vmId && isVmId(change.vmId) ? idKey(change.vmId) : undefined) ?? (await subscription.ownerOf(change.id));
      // A collection made for no VM the tree knows: Refresh on its subscription shows it.
      if (vmKey) subscription.collectionMade(change.id, vmKey);
    }
  }

  /** The subscription's items the tree has made (one per tenant label it was listed under). */
  private subscriptionItems(subscriptionId: string): SubscriptionItem[] {
    return [...(this.rootCache?.items.values() ?? [])].filter((item) => item.subscription.subscriptionId.toLowerCase() === subscriptionId.toLowerCase());
  }

  private treeContext(): TreeContext {
    return {
      factory: this.factory,
      cloud: this.factory.cloud,
      refresh: (node) => this.refresh(node),
      now: () => Date.now(),
      activity: this.activity,
      copies: this.copies,
      collectionGone: (id) => this.changed({ id, gone: true }),
    };
  }

  /** All subscriptions of the signed-in tenants (or of the selected tenant), before the subscription filter. */
  async listAllSubscriptions(): Promise<SubscriptionListing> {
    const factory = this.factory;
    const selectedTenant = vscode.workspace.getConfiguration('restorePoints').get<string>(SELECTED_TENANT, '');
    const tenants = (await this.signIn.tenants(factory)).filter((t) => !selectedTenant || t.tenantId === selectedTenant);
    const results = await Promise.all(
      tenants.filter((t) => t.signedIn).map(async (tenant) => {
        try {
          return { tenant, subscriptions: await listSubscriptions(factory, tenant.tenantId) };
        } catch (error) {
          return { tenant, error };
        }
      }),
    );
    const seen = new Set<string>();
    const subscriptions: SubscriptionInfo[] = [];
    const failures: SubscriptionListing['failures'] = [];
    for (const r of results) {
      if ('error' in r) failures.push({ tenant: r.tenant, error: r.error });
      for (const s of r.subscriptions ?? []) {
        if (!seen.has(s.subscriptionId)) subscriptions.push(s);
        seen.add(s.subscriptionId);
      }
    }
    subscriptions.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.subscriptionId.localeCompare(b.subscriptionId));
    return { tenants, subscriptions, failures };
  }

  private async roots(): Promise<TreeNode[]> {
    const ctx = this.treeContext();
    const [signedIn, identity] = await Promise.all([this.signIn.isSignedIn().catch(() => false), this.signIn.identity?.().catch(() => undefined)]);
    this.listedFor = identity;
    await setContext('restorePoints.signedIn', signedIn);
    if (!signedIn) return [];
    const cache: RootCache = (this.rootCache ??= { items: new Map() });
    const listed = (cache.listing ??= this.listAllSubscriptions());
    let listing: SubscriptionListing;
    try {
      listing = await listed;
    } catch (error) {
      // Not kept: the error node's Retry (a refresh of the root) or the next look asks again.
      if (cache.listing === listed) cache.listing = undefined;
      await setContext('restorePoints.noSubscriptions', false);
      return [failureNode(ctx, undefined, 'restorePoints', error)];
    }
    const selected = vscode.workspace.getConfiguration('restorePoints').get<string[] | null>(SELECTED_SUBSCRIPTIONS, null);
    const wanted = selected ? new Set(selected.map((s) => s.toLowerCase())) : undefined;
    const shown = listing.subscriptions.filter((s) => !wanted || wanted.has(subscriptionKey(s).toLowerCase()));
    const tenantIds = new Set(shown.map((s) => s.tenantId));
    const tenantName = (id: string): string => listing.tenants.find((t) => t.tenantId === id)?.displayName ?? id;
    const nodes: TreeNode[] = shown.map((s) => {
      const tenantLabel = tenantIds.size > 1 ? tenantName(s.tenantId) : undefined;
      const key = `${subscriptionKey(s)}/${tenantLabel ?? ''}`;
      let item = cache.items.get(key);
      if (!item) cache.items.set(key, (item = new SubscriptionItem(ctx, s, tenantLabel)));
      return item;
    });
    nodes.push(...listing.failures.map((f) => failureNode(ctx, undefined, `/tenants/${f.tenant.tenantId}`, f.error)));
    // An empty root shows the view's welcome content, which says what to do.
    await setContext('restorePoints.noSubscriptions', nodes.length === 0);
    return nodes;
  }

  dispose(): void {
    this.disconnect();
    for (const d of this.disposables) d.dispose();
  }
}

function setContext(key: string, value: unknown): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', key, value);
}
