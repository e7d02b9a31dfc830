import type { RestorePoint, RestorePointCollection } from '@azure/arm-compute';
import * as vscode from 'vscode';
import type { ClientFactory } from '../../azure/clients';
import { collectionIdOf, idKey, parseResourceId } from '../../azure/ids';
import { listCollections, readCollection } from '../../azure/restorePointCollections';
import type { SubscriptionRef } from '../../azure/subscriptionScope';
import { listAllVirtualMachines } from '../../azure/virtualMachines';
import { RestorePointCollectionItem } from '../../tree/nodes/RestorePointCollectionItem';
import { RestorePointItem } from '../../tree/nodes/RestorePointItem';
import { SubscriptionItem } from '../../tree/nodes/SubscriptionItem';
import { VirtualMachineItem } from '../../tree/nodes/VirtualMachineItem';
import type { TreeNode } from '../../tree/RestorePointsTreeProvider';
import type { CommandContext } from '../commandContext';
import { BACK, type Answer, type PickItem, type Prompter } from '../wizard/prompter';
import type { PromptStep } from '../wizard/wizard';
import { WizardReads } from './wizardReads';

export type SubscriptionTarget = SubscriptionRef;

/** What every action wizard starts from: the target, pre-filled from a tree node or asked for. */
export interface TargetContext {
  readonly command: CommandContext;
  /** The tree node the command ran on. */
  readonly node?: TreeNode;
  /** ARM reads this wizard run has made, kept across Back. */
  readonly reads: WizardReads;
  subscription?: SubscriptionTarget;
  vmId?: string;
  collection?: RestorePointCollection;
  restorePoint?: RestorePoint;
}

/** Where the wizard's ARM operations go: the shared factory (limiter, retries) and the chosen subscription. */
export const armOf = (ctx: TargetContext): { factory: ClientFactory; subscription: SubscriptionRef } => ({ factory: ctx.command.tree.factory, subscription: ctx.subscription! });

/** Reads once per wizard run, in the chosen subscription or the one given (see WizardReads). */
export function readOnce<T>(ctx: Pick<TargetContext, 'command' | 'reads' | 'subscription'>, what: string, read: (factory: ClientFactory, subscription: SubscriptionRef) => Promise<T>, subscription: SubscriptionRef = ctx.subscription!): Promise<T> {
  const factory = ctx.command.tree.factory;
  return ctx.reads.once(subscription, what, () => read(factory, subscription));
}

export const resourceGroupOf = (id: string): string => parseResourceId(id)?.resourceGroup ?? '';

/** What a tree node already answers: its subscription and the resources it stands for. */
export function targetFromNode(command: CommandContext, node: TreeNode | undefined): TargetContext {
  const ctx: TargetContext = { command, node, reads: new WizardReads() };
  const resource = node?.resource;
  if (!resource) return ctx;
  const subscriptionId = /^\/subscriptions\/([^/]+)/i.exec(resource.id)?.[1];
  if (subscriptionId) ctx.subscription = { tenantId: resource.tenantId, subscriptionId };
  if (node instanceof SubscriptionItem) ctx.subscription = { tenantId: node.subscription.tenantId, subscriptionId: node.subscription.subscriptionId };
  if (node instanceof VirtualMachineItem) ctx.vmId = node.vm.id;
  if (node instanceof RestorePointCollectionItem) {
    ctx.collection = node.collection;
    if (/\/virtualMachines\//i.test(node.collection.source?.id ?? '')) ctx.vmId = node.collection.source?.id;
  }
  if (node instanceof RestorePointItem) ctx.restorePoint = node.restorePoint;
  return ctx;
}

/** Every collection of the subscription (the chosen one unless given), read once per wizard run. */
export const collectionsOf = (ctx: Pick<TargetContext, 'command' | 'reads' | 'subscription'>, subscription?: SubscriptionRef): Promise<RestorePointCollection[]> =>
  readOnce(ctx, 'restorePointCollections', listCollections, subscription);

/** A collection with its restore points, read once per wizard run. */
export const expandedCollection = (ctx: TargetContext, collectionId: string): Promise<RestorePointCollection> =>
  readOnce(ctx, `restorePointCollection:${idKey(collectionId)}`, (factory, subscription) => readCollection(factory, subscription, collectionId, { restorePoints: true }));

/** Picks one value, writes it with `assign`, and turns Back into the wizard's BACK. */
async function pickInto<T>(prompter: Prompter, placeholder: string, items: Promise<readonly PickItem<T>[]>, assign: (value: T) => void, isDefault?: (value: T) => boolean): Promise<Answer<void>> {
  const picked = await prompter.pickOne({ placeholder, items, isDefault });
  if (picked === BACK) return BACK;
  assign(picked);
  return undefined;
}

/** ARM ids and subscription ids compare case-insensitively; false when either is missing. */
const sameId = (a: string | undefined, b: string | undefined): boolean => !!a && !!b && idKey(a) === idKey(b);

export const subscriptionStep: PromptStep<TargetContext> = {
  shouldPrompt: (ctx) => !ctx.subscription,
  prompt: (ctx, prompter, earlier) =>
    pickInto(
      prompter,
      vscode.l10n.t('Select a subscription'),
      ctx.command.tree.listAllSubscriptions().then(({ subscriptions }) =>
        subscriptions.map((s) => ({ label: s.displayName, description: s.subscriptionId, value: { tenantId: s.tenantId, subscriptionId: s.subscriptionId } })),
      ),
      (s) => (ctx.subscription = s),
      (s) => sameId(s.subscriptionId, earlier?.subscription?.subscriptionId) && sameId(s.tenantId, earlier?.subscription?.tenantId),
    ),
};

export const vmStep: PromptStep<TargetContext> = {
  shouldPrompt: (ctx) => !ctx.vmId,
  prompt: async (ctx, prompter, earlier) =>
    pickInto(
      prompter,
      vscode.l10n.t('Select a virtual machine'),
      readOnce(ctx, 'virtualMachines', listAllVirtualMachines).then((vms) =>
        vms.map((vm) => ({ label: vm.name ?? '', description: `${resourceGroupOf(vm.id ?? '')} · ${vm.location ?? ''}`, value: vm.id ?? '' })),
      ),
      (id) => (ctx.vmId = id),
      (id) => sameId(id, earlier?.vmId),
    ),
};

/** A collection of the subscription; `filter` narrows it (e.g. to the VM's own). */
export function collectionStep(filter: (c: RestorePointCollection, ctx: TargetContext) => boolean = () => true): PromptStep<TargetContext> {
  return {
    shouldPrompt: (ctx) => !ctx.collection,
    prompt: (ctx, prompter, earlier) =>
      pickInto(
        prompter,
        vscode.l10n.t('Select a restore point collection'),
        collectionsOf(ctx).then((all) =>
          all.filter((c) => filter(c, ctx)).map((c) => ({ label: c.name ?? '', description: `${resourceGroupOf(c.id ?? '')} · ${c.location ?? ''}`, value: c })),
        ),
        (c) => (ctx.collection = c),
        (c) => sameId(c.id, earlier?.collection?.id),
      ),
  };
}

export const restorePointStep: PromptStep<TargetContext> = {
  shouldPrompt: (ctx) => !ctx.restorePoint,
  prompt: (ctx, prompter, earlier) =>
    pickInto(
      prompter,
      vscode.l10n.t('Select a restore point'),
      expandedCollection(ctx, ctx.collection!.id!).then((c) => (c.restorePoints ?? []).map((rp) => ({ label: rp.name ?? '', description: rp.provisioningState, value: rp }))),
      (rp) => (ctx.restorePoint = rp),
      (rp) => sameId(rp.id, earlier?.restorePoint?.id),
    ),
};

/** A restore point's collection, for a restore point chosen in the tree. */
export function collectionOfRestorePoint(ctx: TargetContext): void {
  if (ctx.collection || !ctx.restorePoint?.id) return;
  const id = collectionIdOf(ctx.restorePoint.id);
  ctx.collection = { id, name: parseResourceId(id)?.name, location: '' } as RestorePointCollection;
}

/** A notification with progress for a long-running operation; it cannot stop the operation, so it is not cancellable. */
export function withOperationProgress<T>(title: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: false }, task);
}
