import type { ArmRoute, HandlerResult, RequestContext } from '../http/context';
import { conflict } from '../http/errors';
import type { PowerState, VirtualMachine } from '../engine/model';
import { requireVm } from './common';
import { acceptVmAction, runningOperation } from './vmOperation';

/** What the instance view shows while a power operation runs, as CRP reports the transitions. */
export function shownPowerState(vm: VirtualMachine, now: number): { code: string; display: string } {
  const running = runningOperation(vm, now);
  const transitional = running && { create: 'starting', start: 'starting', restart: 'starting', powerOff: 'stopping', deallocate: 'deallocating' }[running.kind as string];
  const state = transitional ?? vm.powerState;
  return { code: `PowerState/${state}`, display: `VM ${state}` };
}

/**
 * CRP refuses to stop or restart a deallocated VM ("Operation 'powerOff' is not allowed on VM ... since
 * the VM is deallocated or marked to be deallocated"); 409 OperationNotAllowed.
 */
function refuseWhenDeallocated(vm: VirtualMachine, operation: string): void {
  const deallocating = vm.operation?.kind === 'deallocate';
  if (vm.powerState === 'deallocated' || deallocating) {
    throw conflict('OperationNotAllowed', `Operation '${operation}' is not allowed on VM '${vm.name}' since the VM is deallocated or marked to be deallocated.`);
  }
}

function action(name: 'start' | 'powerOff' | 'deallocate' | 'restart', powerTo: PowerState, check?: (vm: VirtualMachine) => void): ArmRoute {
  return {
    method: 'POST',
    template: `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/virtualMachines/{vmName}/${name}`,
    family: 'virtualMachines',
    scope: 'resourceGroup',
    action: `Microsoft.Compute/virtualMachines/${name}/action`,
    handler: (ctx: RequestContext): HandlerResult => {
      const vm = requireVm(ctx);
      check?.(vm);
      return acceptVmAction(ctx, vm, name, powerTo);
    },
  };
}

/** start, powerOff (stopped, still billed), deallocate and restart, each a long-running POST. */
export const vmPowerRoutes: ArmRoute[] = [
  action('start', 'running'),
  action('powerOff', 'stopped', (vm) => refuseWhenDeallocated(vm, 'powerOff')),
  action('deallocate', 'deallocated'),
  action('restart', 'running', (vm) => refuseWhenDeallocated(vm, 'restart')),
];
