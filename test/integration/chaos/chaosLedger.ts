import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { FaultSpec } from '../../../src/emulator/controls/faults';
import { requestLog } from '../../support/commandDriver';
import { control } from '../helpers';

export type StoreCounts = Record<'disks' | 'restorePointCollections' | 'restorePoints' | 'virtualMachines' | 'networkInterfaces' | 'virtualNetworks', number>;

/** A fault as the /_emulator/faults route takes it (the path pattern is a regular expression in a string). */
export type FaultRequest = Omit<FaultSpec, 'pathPattern'> & { pathPattern: string };

/**
 * What the chaos cases add up to for the closing summary line: faults the emulator really applied
 * (its own count), operations that ended in the expected state, and resources found more often
 * (or less often) than the operations should have left.
 */
export class ChaosLedger {
  operationsCompleted = 0;
  duplicatesFound = 0;
  lostFound = 0;
  private appliedAtStart = 0;

  async start(): Promise<void> {
    this.appliedAtStart = (await control<{ applied: number }>('GET', '/faults')).applied;
  }

  async faultsInjected(): Promise<number> {
    return (await control<{ applied: number }>('GET', '/faults')).applied - this.appliedAtStart;
  }

  /** Checks a resource count against what the operation should have changed, and keeps the score. */
  async expectCounts(before: StoreCounts, change: Partial<StoreCounts>): Promise<void> {
    const after = await storeCounts();
    for (const kind of Object.keys(before) as (keyof StoreCounts)[]) {
      const expected = before[kind] + (change[kind] ?? 0);
      if (after[kind] > expected) this.duplicatesFound += after[kind] - expected;
      if (after[kind] < expected) this.lostFound += expected - after[kind];
      assert.strictEqual(after[kind], expected, `${kind}: ${before[kind]} before, ${expected} expected, ${after[kind]} found`);
    }
  }

  completed(): void {
    this.operationsCompleted++;
  }
}

export async function storeCounts(): Promise<StoreCounts> {
  const { counts } = await control<{ counts: StoreCounts }>('GET', '/store');
  const { disks, restorePointCollections, restorePoints, virtualMachines, networkInterfaces, virtualNetworks } = counts;
  return { disks, restorePointCollections, restorePoints, virtualMachines, networkInterfaces, virtualNetworks };
}

export const injectFaults = async (...faults: FaultRequest[]): Promise<void> => {
  for (const fault of faults) await control('POST', '/faults', fault);
};

/** Faults not taken by any request: a case whose faults were never hit tested nothing. */
export async function assertAllFaultsHit(): Promise<void> {
  const { pending } = await control<{ pending: unknown[] }>('GET', '/faults');
  assert.deepStrictEqual(pending, [], 'every injected fault was hit');
}

/** Statuses the emulator answered to matching ARM requests, in order (0: the connection was dropped). */
export async function statuses(method: string, pathPattern: RegExp): Promise<number[]> {
  return (await requestLog()).filter((r) => r.method === method && pathPattern.test(r.path)).map((r) => r.status);
}

export interface Notification {
  severity: 'error' | 'warning' | 'information';
  message: string;
}

/**
 * The notifications the extension shows while a case runs. The extension and its tests share one
 * `vscode` API object, so wrapping its show*Message functions sees what a person would see; the
 * originals still run.
 */
export function recordNotifications(): { shown: Notification[]; dispose(): void } {
  const shown: Notification[] = [];
  const window = vscode.window as { -readonly [K in keyof typeof vscode.window]: (typeof vscode.window)[K] };
  const originals = { error: window.showErrorMessage, warning: window.showWarningMessage, information: window.showInformationMessage };
  const wrap = <F extends (message: string, ...rest: never[]) => unknown>(severity: Notification['severity'], original: F): F =>
    ((message: string, ...rest: never[]) => {
      shown.push({ severity, message });
      return original(message, ...rest);
    }) as F;
  window.showErrorMessage = wrap('error', originals.error);
  window.showWarningMessage = wrap('warning', originals.warning);
  window.showInformationMessage = wrap('information', originals.information);
  return {
    shown,
    dispose: () => {
      window.showErrorMessage = originals.error;
      window.showWarningMessage = originals.warning;
      window.showInformationMessage = originals.information;
    },
  };
}
