import type { HandlerResult, RequestContext } from '../http/context';
import { conflict } from '../http/errors';
import { durationMs, type DurationKind } from '../engine/clock';
import type { PowerState, VirtualMachine, VmOperation, VmOperationKind } from '../engine/model';

const DURATION: Record<VmOperationKind, DurationKind> = {
  create: 'vmCreation',
  update: 'vmUpdate',
  start: 'vmPowerChange',
  powerOff: 'vmPowerChange',
  deallocate: 'vmPowerChange',
  restart: 'vmPowerChange',
  delete: 'vmDeletion',
};

/** The operation still running on the VM at `now`, if any. */
export function runningOperation(vm: VirtualMachine, now: number): VirtualMachine['operation'] {
  return vm.operation && vm.operation.until > now ? vm.operation : undefined;
}

/**
 * CRP preempts some operations with others; the emulator instead refuses a second operation while
 * one runs (409 OperationNotAllowed, our choice), so a client that does not wait is caught in tests.
 */
export function requireIdle(ctx: RequestContext, vm: VirtualMachine, kind: VmOperationKind): void {
  const running = runningOperation(vm, ctx.now);
  if (running) {
    throw conflict('OperationNotAllowed', `Operation '${kind}' is not allowed on VM '${vm.name}' since the VM is in the middle of operation '${running.kind}'. Wait for it to finish and try again.`);
  }
}

/**
 * Starts a VM operation as CRP does: the change shows at once (provisioning 'Updating', power
 * 'starting'...), finishes when the clock passes its duration, and is watched through
 * Azure-AsyncOperation (and, for POST actions and delete, a Location monitor).
 */
export function beginVmOperation(ctx: RequestContext, vm: VirtualMachine, kind: VmOperationKind, powerTo: PowerState, options: { location: boolean; failure?: VmOperation['failure'] }): Record<string, string> {
  const { state } = ctx;
  const until = ctx.now + durationMs(DURATION[kind], state.pace);
  const failure = options.failure;
  state.store.beginOperation(vm, { kind, until, powerTo, failure });
  const op = state.operations.start(vm.subscriptionId, vm.location, (now) => {
    if (now < until) return { status: 'InProgress', remainingMs: until - now };
    return failure ? { status: 'Failed', endTime: until, error: failure } : { status: 'Succeeded', endTime: until };
  });
  return state.operations.headers(op, { endpoint: ctx.endpoint, apiVersion: ctx.apiVersion, location: options.location });
}

/** A POST action's answer: 202, no body, Azure-AsyncOperation and Location (final state via Location). */
export function acceptVmAction(ctx: RequestContext, vm: VirtualMachine, kind: VmOperationKind, powerTo: PowerState): HandlerResult {
  requireIdle(ctx, vm, kind);
  return { status: 202, headers: beginVmOperation(ctx, vm, kind, powerTo, { location: true }) };
}
