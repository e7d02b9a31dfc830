import type { HandlerResult, RequestContext } from '../http/context';
import { durationMs } from '../engine/clock';
import { invalidParameter, resourceNotFound } from '../http/errors';
import { computeId, key } from '../engine/ids';
import type { Disk, RestorePointCollection, VirtualMachine } from '../engine/model';

export const iso = (ms: number): string => new Date(ms).toISOString();

export interface InstanceViewStatus {
  code: string;
  level: 'Info' | 'Warning' | 'Error';
  displayStatus: string;
  message?: string;
  time?: string;
}

export function status(code: string, displayStatus: string, level: InstanceViewStatus['level'] = 'Info', time?: number, message?: string): InstanceViewStatus {
  return { code, level, displayStatus, ...(message ? { message } : {}), ...(time !== undefined ? { time: iso(time) } : {}) };
}

/** The osProfile CRP keeps for a VM created from an image (a VM created by attaching a disk has none). */
export function osProfileOf(vm: { computerName: string; adminUsername: string; osType: 'Windows' | 'Linux' }): Record<string, unknown> {
  return {
    computerName: vm.computerName,
    adminUsername: vm.adminUsername,
    ...(vm.osType === 'Windows'
      ? { windowsConfiguration: { provisionVMAgent: true, enableAutomaticUpdates: true } }
      : { linuxConfiguration: { disablePasswordAuthentication: true, provisionVMAgent: true } }),
    secrets: [],
    allowExtensionOperations: true,
    requireGuestProvisionSignal: true,
  };
}

/** Reads `$expand`, refusing values the operation does not define, as ARM does. */
export function expandOption(ctx: RequestContext, allowed: readonly string[]): string | undefined {
  const value = ctx.query.get('$expand');
  if (value === null || value === '') return undefined;
  const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!match) throw invalidParameter(`The value '${value}' of parameter '$expand' is not valid. Allowed values are: ${allowed.join(', ')}.`, '$expand');
  return match;
}

export function findVm(ctx: RequestContext, sub: string, rg: string, name: string): VirtualMachine | undefined {
  return ctx.state.store.virtualMachines.get(key(computeId(sub, rg, 'virtualMachines', name)));
}

export function requireVm(ctx: RequestContext): VirtualMachine {
  const { subscriptionId, resourceGroupName, vmName } = ctx.params;
  const vm = findVm(ctx, subscriptionId, resourceGroupName, vmName);
  if (!vm) throw resourceNotFound('Microsoft.Compute/virtualMachines', vmName, resourceGroupName);
  return vm;
}

export function findDisk(ctx: RequestContext, id: string): Disk | undefined {
  return ctx.state.store.disks.get(key(id));
}

export function requireCollection(ctx: RequestContext, notFound: () => Error): RestorePointCollection {
  const { subscriptionId, resourceGroupName, restorePointCollectionName } = ctx.params;
  const rpc = ctx.state.store.collections.get(key(computeId(subscriptionId, resourceGroupName, 'restorePointCollections', restorePointCollectionName)));
  if (!rpc) throw notFound();
  return rpc;
}

/** Items of a subscription (and optionally one resource group), in insertion order. */
export function inScope<T extends { subscriptionId: string; resourceGroup: string }>(items: Iterable<T>, sub: string, rg?: string): T[] {
  const s = sub.toLowerCase();
  const g = rg?.toLowerCase();
  return [...items].filter((i) => i.subscriptionId.toLowerCase() === s && (g === undefined || i.resourceGroup.toLowerCase() === g));
}

/**
 * Starts a long-running delete the way ARM answers it: 202 with Azure-AsyncOperation and Location.
 * A repeated DELETE while one is running joins the same deadline rather than restarting it.
 */
export function acceptDeletion(ctx: RequestContext, target: { deletingUntil?: number }, where: { subscriptionId: string; location: string }): HandlerResult {
  const { state } = ctx;
  const until = (target.deletingUntil ??= ctx.now + durationMs('deletion', state.pace));
  const op = state.operations.start(where.subscriptionId, where.location, (now) =>
    now < until ? { status: 'InProgress', remainingMs: until - now } : { status: 'Succeeded', endTime: until });
  return { status: 202, headers: state.operations.headers(op, { endpoint: ctx.endpoint, apiVersion: ctx.apiVersion, location: true }) };
}
