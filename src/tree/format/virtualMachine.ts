import type { VirtualMachine } from '@azure/arm-compute';
import { parseResourceId } from '../../azure/ids';
import { AZURE_RESOURCE, contextValue, type IconSpecLike as IconSpec } from './contextValue';

export type PowerState = 'running' | 'starting' | 'stopping' | 'stopped' | 'deallocating' | 'deallocated' | 'unknown';
export type OsKind = 'windows' | 'linux' | 'unknown';


/** From the instance view's `PowerState/<state>` status (present with `statusOnly=true`). */
export function powerState(vm: VirtualMachine): PowerState {
  const code = vm.instanceView?.statuses?.find((s) => s.code?.toLowerCase().startsWith('powerstate/'))?.code;
  const state = code?.slice('PowerState/'.length).toLowerCase();
  const known: PowerState[] = ['running', 'starting', 'stopping', 'stopped', 'deallocating', 'deallocated'];
  return known.find((k) => k === state) ?? 'unknown';
}

export function osKind(vm: VirtualMachine): OsKind {
  const os = vm.storageProfile?.osDisk?.osType?.toLowerCase();
  return os === 'windows' ? 'windows' : os === 'linux' ? 'linux' : 'unknown';
}

export function vmDescription(vm: VirtualMachine): string {
  const resourceGroup = vm.id ? parseResourceId(vm.id)?.resourceGroup : undefined;
  return [resourceGroup, vm.location, vm.hardwareProfile?.vmSize].filter(Boolean).join(' · ');
}

/** The glyph says the OS, the color the power state. */
export function vmIcon(vm: VirtualMachine): IconSpec {
  const id = { windows: 'window', linux: 'terminal-linux', unknown: 'vm' }[osKind(vm)];
  const color: Record<PowerState, string | undefined> = {
    running: 'charts.green',
    starting: 'charts.yellow',
    stopping: 'charts.yellow',
    deallocating: 'charts.yellow',
    stopped: 'charts.red',
    deallocated: 'disabledForeground',
    unknown: undefined,
  };
  return { id, color: color[powerState(vm)] };
}

export function vmContextValue(vm: VirtualMachine): string {
  return contextValue('virtualMachine', AZURE_RESOURCE, `os:${osKind(vm)}`, `power:${powerState(vm)}`);
}
