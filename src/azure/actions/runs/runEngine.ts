import { setTimeout as sleep } from 'node:timers/promises';
import type { ClientFactory } from '../../clients';
import { statusCode } from '../../errors';
import { idKey } from '../../ids';
import type { SubscriptionRef } from '../../subscriptionScope';
import { describeArmError, type ArmFailure } from '../armError';
import type { LongRunningOptions } from '../longRunning';
import { createdNow } from './createdNow';
import { allSteps, createdIdOf, type RunRecord, type RunStore, type StepRecord } from './runRecord';
import { checkStep, DELETE_CREATED, sendStep } from './stepActions';

export interface RunOptions {
  store: RunStore;
  /** A step started, or ended; `index` counts from 1 over every step of the run. */
  onStep?: (step: StepRecord, index: number, total: number) => void;
  /** Wait between polls of an operation ARM gives no Retry-After for, and between reads of a step followed after a reload. */
  intervalMs?: number;
  abortSignal?: AbortSignal;
}

/** A run stopped at a step ARM refused or failed; the run (saved as failed) tells what it made so far. */
export class RunFailedError extends Error {
  constructor(
    readonly run: RunRecord,
    readonly step: StepRecord,
    readonly failure: ArmFailure,
  ) {
    super(`${step.title}: ${failure.code}: ${failure.message}`);
    this.name = 'RunFailedError';
  }
}

const subscriptionOf = (run: RunRecord): SubscriptionRef => ({ tenantId: run.tenantId, subscriptionId: run.subscriptionId });

/** Saves one at a time, in order: the steps of a stage change the record side by side. */
function serialSaver(store: RunStore, run: RunRecord): () => Promise<void> {
  let last = Promise.resolve();
  return () => (last = last.then(() => store.save(run)));
}

/**
 * Runs a multi-step action: each stage's steps side by side, stages in order, the record saved
 * after every change. A step never sent is sent; a step a previous window had sent (`running`) is
 * first read back (`checkStep`) and only sent if it never took effect, so that resuming after a
 * reload sends nothing twice. The first stage with a failed step ends the run with RunFailedError.
 */
export async function executeRun(factory: ClientFactory, run: RunRecord, options: RunOptions): Promise<RunRecord> {
  const save = serialSaver(options.store, run);
  const total = allSteps(run).length;
  const indexOf = (step: StepRecord): number => allSteps(run).indexOf(step) + 1;
  const subscription = subscriptionOf(run);
  const lro = (step: StepRecord): LongRunningOptions => ({
    updateIntervalInMs: options.intervalMs,
    abortSignal: options.abortSignal,
    onAccepted: async () => {
      step.accepted = true;
      await save();
    },
  });

  /** Reads a step sent before a reload until it ends; true when it still has to be sent. */
  async function follow(step: StepRecord): Promise<boolean> {
    for (;;) {
      const found = await checkStep(factory, subscription, step.spec, options.abortSignal);
      // Done or under way, the resource exists because this run sent it: it is the run's to remove.
      if (found.state === 'done') {
        step.accepted = true;
        return false;
      }
      if (found.state === 'failed') throw Object.assign(new Error(found.reason), { name: 'StepFailed' });
      if (found.state === 'absent') return true;
      step.accepted = true;
      await sleep(options.intervalMs ?? 5_000, undefined, { signal: options.abortSignal });
    }
  }

  async function runStep(step: StepRecord): Promise<void> {
    if (step.status === 'done') return;
    const resumed = step.status === 'running' || step.status === 'failed';
    step.status = 'running';
    step.error = undefined;
    await save();
    options.onStep?.(step, indexOf(step), total);
    try {
      if (!resumed || (await follow(step))) await sendStep(factory, subscription, step.spec, lro(step));
      step.status = 'done';
    } catch (error) {
      step.status = 'failed';
      step.error = describeArmError(error);
    }
    await save();
    options.onStep?.(step, indexOf(step), total);
  }

  run.state = 'running';
  for (const stage of run.stages) {
    await Promise.all(stage.steps.map(runStep));
    const failed = stage.steps.find((s) => s.status === 'failed');
    if (failed) {
      run.state = 'failed';
      await save();
      throw new RunFailedError(run, failed, failed.error!);
    }
  }
  run.state = 'succeeded';
  await save();
  return run;
}

/** The order created resources are removed in: what uses a resource goes before it. */
const DELETE_ORDER = ['putVirtualMachine', 'createNetworkInterface', 'createPublicIpAddress', 'createVirtualNetwork', 'restoreDisk', 'createResourceGroup'] as const;

export interface CleanupResult {
  deleted: string[];
  failed: { id: string; failure: ArmFailure }[];
}

/**
 * "Delete What Was Created": removes exactly the resources the run's steps created (ARM accepted
 * their creation) that nothing else uses now (see createdNow), the VM first, then the disks and
 * last a group the run created, if nothing is left in it; nothing else: a revert's original disks
 * were never created by it and are never in this list, nor are the restored disks a revert attached
 * to its VM. A resource already gone counts as deleted. Each deleted resource is marked removed in
 * the run, so a resource whose delete failed is all that is left to try again. With `confirmed`
 * (what the user was shown and agreed to), nothing outside it is deleted.
 */
export async function deleteCreated(factory: ClientFactory, run: RunRecord, options: Pick<RunOptions, 'intervalMs' | 'abortSignal'> & { confirmed?: readonly string[] } = {}): Promise<CleanupResult> {
  // Read again: of what the user confirmed, only what is still removable (a later revert may have taken a disk since).
  const confirmed = options.confirmed && new Set(options.confirmed.map(idKey));
  const created = (await createdNow(factory, subscriptionOf(run), run, options.abortSignal)).removable.filter((c) => !confirmed || confirmed.has(idKey(c.id)));
  const result: CleanupResult = { deleted: [], failed: [] };
  for (const kind of DELETE_ORDER) {
    await Promise.all(
      created
        .filter((c) => c.kind === kind)
        .map(async ({ id }) => {
          try {
            await DELETE_CREATED[kind]!(factory, subscriptionOf(run), id, { updateIntervalInMs: options.intervalMs, abortSignal: options.abortSignal });
          } catch (error) {
            if (statusCode(error) !== 404) {
              result.failed.push({ id, failure: describeArmError(error) });
              return;
            }
          }
          result.deleted.push(id);
          for (const step of allSteps(run)) if (createdIdOf(step.spec) === id) step.removed = true;
        }),
    );
  }
  return result;
}
