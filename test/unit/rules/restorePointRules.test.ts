import * as assert from 'node:assert/strict';
import { consistencyModeOptions, osDefaultConsistencyMode } from '../../../src/azure/rules/consistencyModes';
import { copyCollectionsIn, copySourceProblem, copyTargetRegionProblem, restoreSourceProblem } from '../../../src/azure/rules/copyAndRestore';
import {
  crashConsistencyReason,
  excludedDisksProblem,
  instantAccessApplies,
  mustExcludeReason,
  notExcludableReason,
  requiredExclusions,
} from '../../../src/azure/rules/diskExclusion';
import {
  creationInProgressProblem,
  instantAccessDurationProblem,
  MAX_RESTORE_POINTS_PER_VM,
  minimumIntervalProblem,
  restorePointLimitProblem,
  restorePointsOfVm,
} from '../../../src/azure/rules/restorePointCreation';
import type { VmDisk } from '../../../src/azure/rules/vmDisks';

const disk = (name: string, extra: Partial<VmDisk> = {}): VmDisk => ({ id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/${name}`, name, role: 'data', sku: 'Premium_LRS', ephemeral: false, writeAccelerated: false, ...extra });

const os = disk('os', { role: 'os' });
const ephemeralOs = disk('eph-os', { role: 'os', ephemeral: true });
const shared = disk('shared', { maxShares: 2 });
const ultra = disk('ultra', { sku: 'UltraSSD_LRS' });
const premiumV2 = disk('pv2', { sku: 'PremiumV2_LRS' });
const accelerated = disk('wa', { writeAccelerated: true });
const plain = disk('plain');

const HOUR = 3_600_000;
const now = new Date('2026-11-25T12:00:00Z');
const rp = (name: string, state: string, hoursAgo: number) => ({ name, provisioningState: state, timeCreated: new Date(now.getTime() - hoursAgo * HOUR) });

describe('rules: restore point creation', () => {
  it('offers the OS default first, explained, then crash consistency, which alone is sent', () => {
    assert.deepEqual(consistencyModeOptions('Windows').map((o) => [o.label, o.description, o.requestValue]), [
      ['Application consistent', 'default for Windows', undefined],
      ['Crash consistent', 'nothing runs in the VM', 'CrashConsistent'],
    ]);
    assert.equal(consistencyModeOptions('Linux')[0].label, 'File-system consistent');
    assert.equal(osDefaultConsistencyMode('Linux'), 'FileSystemConsistent');
    assert.equal(osDefaultConsistencyMode('Windows'), 'ApplicationConsistent');
  });

  it('pre-excludes ephemeral OS and shared disks always, and Ultra, Premium SSD v2 and write-accelerated disks for crash consistency', () => {
    const all = [os, ephemeralOs, shared, ultra, premiumV2, accelerated, plain];
    assert.deepEqual(requiredExclusions(all, 'OsDefault').map((d) => d.name), ['eph-os', 'shared']);
    assert.deepEqual(requiredExclusions(all, 'CrashConsistent').map((d) => d.name), ['eph-os', 'shared', 'ultra', 'pv2', 'wa']);
    assert.equal(mustExcludeReason(ephemeralOs), 'Ephemeral OS disks cannot be in a restore point.');
    assert.equal(crashConsistencyReason(premiumV2), 'Premium SSD v2 disks cannot be in a crash-consistent restore point.');
    assert.equal(notExcludableReason(os), 'The OS disk is always in the restore point.');
    assert.equal(notExcludableReason(ephemeralOs), undefined, 'an ephemeral OS disk is excluded, not locked in');
    assert.equal(notExcludableReason(plain), undefined);
  });

  it('checks a set of excluded disks as ARM would', () => {
    assert.equal(excludedDisksProblem([os, ultra], [], 'OsDefault'), undefined);
    assert.equal(excludedDisksProblem([os, ultra], [], 'CrashConsistent'), "Exclude 'ultra': Ultra Disks cannot be in a crash-consistent restore point.");
    assert.equal(excludedDisksProblem([os, ultra], [ultra.id.toUpperCase()], 'CrashConsistent'), undefined, 'ids compare without case');
    assert.equal(excludedDisksProblem([ephemeralOs, shared], [ephemeralOs.id, shared.id], 'OsDefault'), 'All disks are excluded; a restore point needs at least one disk.');
    assert.match(excludedDisksProblem([os], ['/subscriptions/s/x/disks/other'], 'OsDefault') ?? '', /is not attached to this VM/);
  });

  it('asks for instant access only when an included disk is Premium SSD v2 or Ultra, as whole positive minutes', () => {
    assert.equal(instantAccessApplies([os, plain]), false);
    assert.equal(instantAccessApplies([os, premiumV2]), true);
    assert.equal(instantAccessDurationProblem(120), undefined);
    assert.ok(instantAccessDurationProblem(0));
    assert.ok(instantAccessDurationProblem(1.5));
  });

  it(`refuses more than ${MAX_RESTORE_POINTS_PER_VM} restore points for a VM and a second one while one is creating`, () => {
    const many = Array.from({ length: MAX_RESTORE_POINTS_PER_VM }, (_, i) => rp(`rp-${i}`, 'Succeeded', 100 + i));
    assert.equal(restorePointLimitProblem(many.slice(1)), undefined);
    assert.match(restorePointLimitProblem(many) ?? '', /already has 500 restore points/);
    assert.equal(creationInProgressProblem([rp('a', 'Succeeded', 5), rp('b', 'Failed', 4)]), undefined);
    assert.match(creationInProgressProblem([rp('a', 'Succeeded', 5), rp('busy', 'Creating', 0)]) ?? '', /'busy' is still being created/);
  });

  it('warns below the documented frequency: 3 hours (application/file-system), 1 hour (crash), failed ones not counted', () => {
    const recent = [rp('old', 'Succeeded', 30), rp('recent', 'Succeeded', 2), rp('failed', 'Failed', 0.1)];
    assert.match(minimumIntervalProblem(recent, 'OsDefault', now) ?? '', /120 minutes old; .* every 3 hours/);
    assert.equal(minimumIntervalProblem(recent, 'CrashConsistent', now), undefined);
    assert.match(minimumIntervalProblem([rp('r', 'Succeeded', 0.5)], 'CrashConsistent', now) ?? '', /30 minutes old; .* every 1 hour at most/);
    assert.equal(minimumIntervalProblem([], 'OsDefault', now), undefined);
  });

  it('checks copy and restore sources and targets', () => {
    assert.match(copyTargetRegionProblem('eastus', 'East US') ?? '', /another region/);
    assert.equal(copyTargetRegionProblem('eastus', 'westus'), undefined);
    assert.equal(copySourceProblem({ name: 'a', provisioningState: 'Succeeded' }), undefined);
    assert.match(copySourceProblem({ name: 'a', provisioningState: 'Creating' }) ?? '', /only a restore point whose creation succeeded/);
    assert.equal(restoreSourceProblem({ name: 'c', provisioningState: 'Succeeded' }, { state: 'Succeeded', percent: 100 }), undefined);
    assert.match(restoreSourceProblem({ name: 'c', provisioningState: 'Succeeded' }, { state: 'Replicating', percent: 35 }) ?? '', /still being copied .*35%/);
    assert.match(restoreSourceProblem({ name: 'c', provisioningState: 'Failed' }) ?? '', /is Failed/);
  });

  it("counts the VM's own restore points across its collections, not copies", () => {
    const vmId = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-1';
    const collections = [
      { source: { id: vmId.toUpperCase() }, restorePoints: [rp('a', 'Succeeded', 1), rp('b', 'Succeeded', 2)] },
      { source: { id: vmId }, restorePoints: [rp('c', 'Creating', 0)] },
      { source: { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/restorePointCollections/rpc-1' }, restorePoints: [rp('copy', 'Succeeded', 1)] },
    ];
    assert.deepEqual(restorePointsOfVm(collections, vmId).map((r) => r.name), ['a', 'b', 'c']);
  });

  it('finds the existing copy collections of a source in a region', () => {
    const source = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/restorePointCollections/rpc-1';
    const collections = [
      { name: 'in-westus', location: 'westus', source: { id: source } },
      { name: 'in-westus2', location: 'westus2', source: { id: source } },
      { name: 'other-source', location: 'westus', source: { id: `${source}-x` } },
    ];
    assert.deepEqual(copyCollectionsIn(collections, source.toUpperCase(), 'West US').map((c) => c.name), ['in-westus']);
  });
});
