import type { DiskStorageAccountTypes, RestorePoint, VirtualMachineSize } from '@azure/arm-compute';
import * as vscode from 'vscode';
import { aggregateReplication } from '../../azure/actions/replicationProgress';
import { newVmResources, type NetworkChoice, type RestoreAsNewVmInput } from '../../azure/actions/restoreAsNewVm';
import { diskKey, excludedDisksOf, restorePointDisks } from '../../azure/actions/restoredDisks';
import { listDisksIn } from '../../azure/disks';
import type { ClientFactory } from '../../azure/clients';
import { collectionIdOf, idKey, lastSegment } from '../../azure/ids';
import { listNetworkInterfacesIn, listPublicIpAddressesIn, listVirtualNetworksIn, listVirtualNetworksInGroup } from '../../azure/networks';
import { listResourceGroups } from '../../azure/resourceGroups';
import { readCollection } from '../../azure/restorePointCollections';
import { readRestorePoint } from '../../azure/restorePoints';
import { freeAddressSpace } from '../../azure/rules/addressSpace';
import { restoreSourceProblem } from '../../azure/rules/copyAndRestore';
import { vmSecurityProblem } from '../../azure/actions/vmSecurity';
import { resourceGroupNameProblem, vmNameProblem } from '../../azure/rules/vmNames';
import { listAllVirtualMachines, listVmSizes } from '../../azure/virtualMachines';
import type { SubscriptionRef } from '../../azure/subscriptionScope';
import { diskSkuChoices } from '../restoreDisk/steps';
import { readOnce, resourceGroupOf, type TargetContext } from '../steps/targets';
import { BACK, type Answer, type Prompter } from '../wizard/prompter';
import type { PromptStep } from '../wizard/wizard';

export interface RestoreVmContext extends TargetContext {
  resourceGroup?: string;
  /** The group does not exist yet: it is created in the restore point's region. */
  newResourceGroup?: boolean;
  vmName?: string;
  network?: NetworkChoice;
  /** What the summary says of the network. */
  networkLabel?: string;
  publicIp?: boolean;
  vmSize?: string;
  diskSkus?: Record<string, DiskStorageAccountTypes | undefined>;
}

/**
 * The restore point with its instance view, and its region, once checked: refused, with the reason,
 * unless it can be restored from (it succeeded, a copy finished replicating, not a Confidential VM).
 */
export async function checkedSource(ctx: TargetContext): Promise<{ restorePoint: RestorePoint; location: string }> {
  const id = ctx.restorePoint!.id!;
  const [rp, collection] = await Promise.all([
    readOnce(ctx, `restorePoint:${idKey(id)}:instanceView`, (factory, subscription) => readRestorePoint(factory, subscription, id, { instanceView: true })),
    readOnce(ctx, `restorePointCollection:${idKey(collectionIdOf(id))}:alone`, (factory, subscription) => readCollection(factory, subscription, collectionIdOf(id))),
  ]);
  const problem = restoreSourceProblem(rp, rp.sourceRestorePoint?.id ? aggregateReplication(rp) : undefined) ?? vmSecurityProblem(rp);
  if (problem) throw new Error(problem);
  return { restorePoint: rp, location: collection.location ?? '' };
}

const osTypeOf = (rp: RestorePoint): string | undefined => rp.sourceMetadata?.storageProfile?.osDisk?.osType;
const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const NEW = '\u0000new';

/** An existing group (the restore point's region first), or a new one in that region, named in the same step. */
export const resourceGroupStep: PromptStep<RestoreVmContext> = {
  shouldPrompt: (ctx) => !ctx.resourceGroup,
  async prompt(ctx, prompter, earlier) {
    const { location } = await checkedSource(ctx);
    const groups = readOnce(ctx, 'resourceGroups', listResourceGroups);
    for (;;) {
      const picked = await prompter.pickOne({
        placeholder: vscode.l10n.t('Resource group of the new VM (its resources are created in {0})', location),
        items: groups.then((all) => [
          { label: vscode.l10n.t('New resource group in {0}…', location), value: NEW },
          ...[...all.filter((g) => same(g.location, location)), ...all.filter((g) => !same(g.location, location))].map((g) => ({ label: g.name, description: g.location, value: g.name })),
        ]),
        isDefault: (v) => (earlier?.newResourceGroup ? v === NEW : !!earlier?.resourceGroup && same(v, earlier.resourceGroup)),
      });
      if (picked === BACK) return BACK;
      if (picked !== NEW) {
        ctx.resourceGroup = picked;
        return undefined;
      }
      const taken = (await groups).map((g) => g.name);
      const name = await prompter.input({
        prompt: vscode.l10n.t('Name of the new resource group (in {0})', location),
        value: earlier?.newResourceGroup ? earlier.resourceGroup : `rg-${lastSegment(ctx.restorePoint!.id!)}-restored`.slice(0, 90),
        validate: (v) => resourceGroupNameProblem(v) ?? (taken.some((t) => same(t, v)) ? vscode.l10n.t("A resource group named '{0}' already exists; pick it from the list instead.", v) : undefined),
      });
      if (name === BACK) continue;
      ctx.resourceGroup = name;
      ctx.newResourceGroup = true;
      return undefined;
    }
  },
};

/** The names in the group that the new VM, its disks and its network interface would take. */
async function takenNames(ctx: RestoreVmContext): Promise<Set<string>> {
  if (ctx.newResourceGroup) return new Set();
  const group = ctx.resourceGroup!;
  const [vms, disks, nics] = await Promise.all([
    readOnce(ctx, 'virtualMachines', listAllVirtualMachines),
    readOnce(ctx, `disks:${group}`, (factory, subscription) => listDisksIn(factory, subscription, group)),
    readOnce(ctx, `networkInterfaces:${group}`, (factory, subscription) => listNetworkInterfacesIn(factory, subscription, group)),
  ]);
  const inGroup = vms.filter((vm) => same(resourceGroupOf(vm.id ?? ''), group));
  return new Set([...inGroup, ...disks, ...nics].map((r) => (r.id ?? '').toLowerCase()));
}

/** The input's resources whose ids already exist in the group. */
function clashes(ctx: RestoreVmContext, rp: RestorePoint, location: string, name: string, taken: Set<string>): string[] {
  const r = newVmResources(inputOf(ctx, rp, location, { vmName: name }));
  return [r.vmId, ...r.disks.map((d) => d.id), r.networkInterfaceId].filter((id) => taken.has(id.toLowerCase())).map(lastSegment);
}

/**
 * Refuses a new network or public IP whose name the group already has: the PUT would replace it,
 * and Delete What Was Created would then remove a resource the run did not make.
 */
export async function refuseTakenNetworkName(ctx: RestoreVmContext, kind: 'virtualNetwork' | 'publicIp', fresh = false): Promise<void> {
  if (ctx.newResourceGroup) return;
  const group = ctx.resourceGroup!;
  const list = kind === 'virtualNetwork' ? listVirtualNetworksInGroup : listPublicIpAddressesIn;
  const read = (factory: ClientFactory, subscription: SubscriptionRef) => list(factory, subscription, group);
  const existing = fresh ? await read(ctx.command.tree.factory, ctx.subscription!) : await readOnce(ctx, `${kind}s:${group}`, read);
  const name = `${ctx.vmName!}-${kind === 'virtualNetwork' ? 'vnet' : 'ip'}`;
  if (!existing.some((r) => same(r.name ?? '', name))) return;
  throw new Error(
    kind === 'virtualNetwork'
      ? vscode.l10n.t("A virtual network named '{0}' already exists in {1}; choose an existing subnet or another VM name. Nothing was changed.", name, group)
      : vscode.l10n.t("A public IP address named '{0}' already exists in {1}; choose no public IP or another VM name. Nothing was changed.", name, group),
  );
}

/** Refuses, just before sending, a new group whose name was taken since it was chosen. */
export async function refuseTakenResourceGroup(ctx: RestoreVmContext): Promise<void> {
  const groups = await listResourceGroups(ctx.command.tree.factory, ctx.subscription!);
  if (!groups.some((g) => same(g.name, ctx.resourceGroup!))) return;
  throw new Error(vscode.l10n.t("A resource group named '{0}' now exists; run Restore as New VM again and pick it from the list. Nothing was changed.", ctx.resourceGroup!));
}

export const vmNameStep: PromptStep<RestoreVmContext> = {
  shouldPrompt: (ctx) => !ctx.vmName,
  async prompt(ctx, prompter, earlier) {
    const { restorePoint, location } = await checkedSource(ctx);
    const taken = await takenNames(ctx);
    const source = lastSegment(restorePoint.sourceMetadata?.vmId ? (ctx.vmId ?? '') : '') || lastSegment(collectionIdOf(restorePoint.id!)).replace(/-rpc.*$/, '');
    const name = await prompter.input({
      prompt: vscode.l10n.t('Name of the new virtual machine (unique in {0})', ctx.resourceGroup!),
      value: earlier?.vmName ?? `${source}-restored`.slice(0, osTypeOf(restorePoint) === 'Windows' ? 15 : 64).replace(/-+$/, ''),
      validate: (v) => {
        const problem = vmNameProblem(v, osTypeOf(restorePoint));
        if (problem) return problem;
        const inUse = clashes(ctx, restorePoint, location, v, taken);
        return inUse.length ? vscode.l10n.t('{0} already exist in {1}; choose another name.', inUse.join(', '), ctx.resourceGroup!) : undefined;
      },
    });
    if (name === BACK) return BACK;
    ctx.vmName = name;
  },
};

const NEW_NETWORK = '\u0000new';

/** An existing subnet in the region, or a new network whose address space overlaps none of the subscription's there. */
export const networkStep: PromptStep<RestoreVmContext> = {
  shouldPrompt: (ctx) => !ctx.network,
  async prompt(ctx, prompter, earlier) {
    const { location } = await checkedSource(ctx);
    const networks = await readOnce(ctx, `virtualNetworks:${location}`, (factory, subscription) => listVirtualNetworksIn(factory, subscription, location));
    const space = freeAddressSpace(networks.flatMap((n) => n.addressSpace?.addressPrefixes ?? []));
    const subnets = networks.flatMap((n) => (n.subnets ?? []).map((s) => ({ label: `${n.name ?? ''} / ${s.name ?? ''}`, description: `${s.addressPrefix ?? s.addressPrefixes?.join(', ') ?? ''} · ${resourceGroupOf(n.id ?? '')}`, value: s.id ?? '' })));
    const picked = await prompter.pickOne({
      placeholder: vscode.l10n.t('Network of the new VM (in {0})', location),
      items: [
        ...(space ? [{ label: vscode.l10n.t("New virtual network '{0}-vnet' ({1})", ctx.vmName!, space.addressPrefix), value: NEW_NETWORK }] : []),
        ...subnets,
      ],
      isDefault: (v) => (earlier?.network ? ('subnetId' in earlier.network ? idKey(v) === idKey(earlier.network.subnetId) : v === NEW_NETWORK) : v === NEW_NETWORK),
    });
    if (picked === BACK) return BACK;
    if (picked === NEW_NETWORK && space) {
      await refuseTakenNetworkName(ctx, 'virtualNetwork');
      ctx.network = { newNetwork: space };
      ctx.networkLabel = vscode.l10n.t("new virtual network '{0}-vnet' ({1}), subnet 'default' ({2})", ctx.vmName!, space.addressPrefix, space.subnetPrefix);
    } else {
      ctx.network = { subnetId: picked };
      ctx.networkLabel = subnets.find((s) => s.value === picked)?.label ?? picked;
    }
  },
};

export const publicIpStep: PromptStep<RestoreVmContext> = {
  shouldPrompt: (ctx) => ctx.publicIp === undefined,
  async prompt(ctx, prompter, earlier) {
    const picked = await prompter.pickOne({
      placeholder: vscode.l10n.t('Public IP address'),
      items: [
        { label: vscode.l10n.t('No public IP address'), description: vscode.l10n.t('reachable from its virtual network only'), value: false },
        { label: vscode.l10n.t("A new public IP address '{0}-ip'", ctx.vmName!), description: vscode.l10n.t('Standard, static; reachable from the internet'), value: true },
      ],
      isDefault: (v) => v === (earlier?.publicIp ?? false),
    });
    if (picked === BACK) return BACK;
    if (picked) await refuseTakenNetworkName(ctx, 'publicIp');
    ctx.publicIp = picked;
  },
};

/** A size's figures for the picker, e.g. "4 vCPUs · 16 GiB · 8 data disks". */
const sizeDetail = (s: VirtualMachineSize): string =>
  vscode.l10n.t('{0} vCPUs · {1} GiB · {2} data disks', s.numberOfCores ?? '?', Math.round((s.memoryInMB ?? 0) / 1024), s.maxDataDiskCount ?? '?');

/**
 * The sizes the restore point's region offers, the source's first and the default. A source size
 * the region no longer lists is still offered (first, marked), so the default never disappears.
 */
export const sizeStep: PromptStep<RestoreVmContext> = {
  shouldPrompt: (ctx) => !ctx.vmSize,
  async prompt(ctx, prompter, earlier) {
    const { restorePoint, location } = await checkedSource(ctx);
    const source = restorePoint.sourceMetadata?.hardwareProfile?.vmSize ?? '';
    const items = readOnce(ctx, `vmSizes:${location}`, (factory, subscription) => listVmSizes(factory, subscription, location)).then((sizes) => {
      const sourceSize = sizes.find((s) => same(s.name ?? '', source));
      const others = sizes.filter((s) => s !== sourceSize && s.name).sort((a, b) => a.name!.localeCompare(b.name!));
      return [
        ...(source ? [{ label: source, description: vscode.l10n.t('the source VM\'s size'), detail: sourceSize ? sizeDetail(sourceSize) : vscode.l10n.t('not listed in {0}', location), value: source }] : []),
        ...others.map((s) => ({ label: s.name!, detail: sizeDetail(s), value: s.name! })),
      ];
    });
    const size = await prompter.pickOne({
      placeholder: vscode.l10n.t('Size of the new VM (sizes offered in {0})', location),
      items,
      isDefault: (v) => same(v, earlier?.vmSize ?? source),
    });
    if (size === BACK) return BACK;
    ctx.vmSize = size;
  },
};

/** One question per disk of the restore point, in this one step: Back goes to the previous disk, and from the first out of the step. */
async function askDiskTypes(ctx: RestoreVmContext, prompter: Prompter, earlier: RestoreVmContext['diskSkus']): Promise<Answer<Record<string, DiskStorageAccountTypes | undefined>>> {
  const { restorePoint } = await checkedSource(ctx);
  const disks = restorePointDisks(restorePoint);
  const answers: Record<string, DiskStorageAccountTypes | undefined> = {};
  for (let i = 0; i < disks.length; ) {
    const disk = disks[i];
    const key = diskKey(disk);
    const picked = await prompter.pickOne<DiskStorageAccountTypes | null>({
      placeholder: disk.lun === 'os' ? vscode.l10n.t("Disk type of the OS disk (from '{0}')", disk.name) : vscode.l10n.t("Disk type of the data disk at LUN {0} (from '{1}')", disk.lun, disk.name),
      items: [{ label: vscode.l10n.t('Same as the source disk'), description: disk.sku, value: null }, ...diskSkuChoices().map((s) => ({ label: s.label, description: s.value, value: s.value }))],
      isDefault: (v) => v === ((key in answers ? answers[key] : earlier?.[key]) ?? null),
    });
    if (picked === BACK) {
      if (i === 0) return BACK;
      i--;
      continue;
    }
    answers[key] = picked ?? undefined;
    i++;
  }
  return answers;
}

export const diskTypesStep: PromptStep<RestoreVmContext> = {
  shouldPrompt: (ctx) => !ctx.diskSkus,
  async prompt(ctx, prompter, earlier) {
    const answers = await askDiskTypes(ctx, prompter, earlier?.diskSkus);
    if (answers === BACK) return BACK;
    ctx.diskSkus = answers;
  },
};

/** The wizard's answers as the plan's input. */
export function inputOf(ctx: RestoreVmContext, restorePoint: RestorePoint, location: string, override: Partial<RestoreAsNewVmInput> = {}): RestoreAsNewVmInput {
  return {
    tenantId: ctx.subscription!.tenantId,
    subscriptionId: ctx.subscription!.subscriptionId,
    resourceGroup: ctx.resourceGroup!,
    location,
    vmName: ctx.vmName ?? '',
    restorePoint,
    network: ctx.network ?? { subnetId: '' },
    publicIp: ctx.publicIp ?? false,
    vmSize: ctx.vmSize ?? '',
    diskSkus: ctx.diskSkus,
    newResourceGroup: ctx.newResourceGroup,
    ...override,
  };
}

/** Every resource that will be created, by name, and the disks that are not in the restore point. */
export const summaryStep: PromptStep<RestoreVmContext> = {
  shouldPrompt: () => true,
  async prompt(ctx, prompter) {
    const { restorePoint, location } = await checkedSource(ctx);
    const r = newVmResources(inputOf(ctx, restorePoint, location));
    const excluded = excludedDisksOf(restorePoint);
    const disk = (d: (typeof r.disks)[number]): string =>
      vscode.l10n.t("disk '{0}' ({1}, from '{2}', {3})", lastSegment(d.id), d.disk.lun === 'os' ? vscode.l10n.t('OS') : vscode.l10n.t('LUN {0}', d.disk.lun), d.disk.name, ctx.diskSkus?.[diskKey(d.disk)] ?? d.disk.sku ?? '');
    const lines = [
      ...(ctx.newResourceGroup ? [vscode.l10n.t("resource group '{0}' ({1})", ctx.resourceGroup!, location)] : []),
      vscode.l10n.t("virtual machine '{0}' ({1})", ctx.vmName!, ctx.vmSize!),
      ...r.disks.map(disk),
      vscode.l10n.t("network interface '{0}' in {1}", lastSegment(r.networkInterfaceId), ctx.networkLabel ?? ''),
      ...(r.virtualNetworkId ? [vscode.l10n.t("virtual network '{0}'", lastSegment(r.virtualNetworkId))] : []),
      ...(r.publicIpAddressId ? [vscode.l10n.t("public IP address '{0}'", lastSegment(r.publicIpAddressId))] : []),
    ];
    const answer = await prompter.confirm({
      message: vscode.l10n.t("Create VM '{0}' from restore point '{1}'?", ctx.vmName!, restorePoint.name ?? ''),
      detail: [
        vscode.l10n.t('Resource group: {0} · region: {1}', ctx.resourceGroup!, location),
        vscode.l10n.t('Creates:'),
        ...lines.map((l) => `• ${l}`),
        excluded.length ? vscode.l10n.t('Not in the restore point (the new VM has no copy of them): {0}', excluded.join(', ')) : vscode.l10n.t('Every disk of the source VM is in the restore point.'),
        vscode.l10n.t('The VM and its disks are billed from their creation.'),
      ].join('\n'),
      confirmLabel: vscode.l10n.t('Create VM'),
    });
    return answer === BACK ? BACK : undefined;
  },
};
