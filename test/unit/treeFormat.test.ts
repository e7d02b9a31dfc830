import * as assert from 'node:assert';
import type { DiskRestorePoint, RestorePoint, RestorePointCollection, VirtualMachine } from '@azure/arm-compute';
import { portalUrl, type CloudConfig } from '../../src/azure/cloud';
import { errorCode, errorMessage, statusCode } from '../../src/azure/errors';
import { createLimiter } from '../../src/azure/limiter';
import { formatAge } from '../../src/tree/format/age';
import { collectionContextValue, collectionDescription, indexCollections, orphanCollections } from '../../src/tree/format/collections';
import { diskDescription, diskRows, diskRowsNeedDetails, metadataEncryption, restorePointContextValue, restorePointDescription, restorePointIcon, restorePointTooltip, sortRestorePoints } from '../../src/tree/format/restorePoint';
import { powerState, vmContextValue, vmDescription, vmIcon } from '../../src/tree/format/virtualMachine';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000001';
const vmId = (rg: string, name: string): string => `${SUB}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;
const rpcId = (rg: string, name: string): string => `${SUB}/resourceGroups/${rg}/providers/Microsoft.Compute/restorePointCollections/${name}`;
const NOW = Date.parse('2026-01-10T12:00:00Z');

describe('tree formatting', () => {
  describe('formatAge', () => {
    const ago = (ms: number): string => formatAge(new Date(NOW - ms), NOW);
    it('reads coarsely, from seconds to months', () => {
      assert.strictEqual(ago(30_000), 'just now');
      assert.strictEqual(ago(5 * 60_000), '5 min ago');
      assert.strictEqual(ago(3 * 3_600_000), '3 h ago');
      assert.strictEqual(ago(24 * 3_600_000), '1 day ago');
      assert.strictEqual(ago(72 * 3_600_000), '3 days ago');
      assert.strictEqual(ago(21 * 86_400_000), '3 weeks ago');
      assert.strictEqual(ago(90 * 86_400_000), '3 months ago');
      assert.strictEqual(formatAge(undefined, NOW), 'unknown age');
    });
  });

  describe('virtual machines', () => {
    const vm = (os: 'Windows' | 'Linux', power?: string): VirtualMachine =>
      ({
        id: vmId('rg-web', 'web-01'), name: 'web-01', location: 'eastus', hardwareProfile: { vmSize: 'Standard_D2s_v3' },
        storageProfile: { osDisk: { osType: os, createOption: 'FromImage' } },
        instanceView: power ? { statuses: [{ code: 'ProvisioningState/succeeded' }, { code: `PowerState/${power}` }] } : undefined,
      }) as VirtualMachine;
    it('describes resource group · region · size', () => {
      assert.strictEqual(vmDescription(vm('Linux', 'running')), 'rg-web · eastus · Standard_D2s_v3');
    });
    it('takes the power state from the instance view, unknown without one', () => {
      assert.strictEqual(powerState(vm('Linux', 'deallocated')), 'deallocated');
      assert.strictEqual(powerState(vm('Linux')), 'unknown');
    });
    it('picks the icon by OS and colors it by power state', () => {
      assert.deepStrictEqual(vmIcon(vm('Linux', 'running')), { id: 'terminal-linux', color: 'charts.green' });
      assert.deepStrictEqual(vmIcon(vm('Windows', 'deallocated')), { id: 'window', color: 'disabledForeground' });
      assert.strictEqual(vmContextValue(vm('Windows', 'stopped')), 'virtualMachine;azureResource;os:windows;power:stopped');
    });
  });

  describe('collections', () => {
    const own = { id: rpcId('rg-web', 'web-02-rpc'), name: 'web-02-rpc', location: 'eastus', source: { id: vmId('rg-web', 'web-02'), location: 'eastus' } } as RestorePointCollection;
    const copy = { id: rpcId('rg-dr', 'web-02-rpc-westus'), name: 'web-02-rpc-westus', location: 'westus', source: { id: rpcId('rg-web', 'web-02-rpc'), location: 'eastus' } } as RestorePointCollection;
    const gone = { id: rpcId('rg-old', 'old-rpc'), name: 'old-rpc', location: 'eastus', source: { id: vmId('rg-old', 'old-vm') } } as RestorePointCollection;
    const copyOfMissing = { id: rpcId('rg-dr', 'lost-copy'), name: 'lost-copy', location: 'westus', source: { id: rpcId('rg-x', 'deleted-rpc') } } as RestorePointCollection;

    it('indexes collections by VM, following a copy to its source collection\'s VM, own region first', () => {
      const index = indexCollections([copy, gone, own, copyOfMissing]);
      assert.deepStrictEqual(index.byVm.get(vmId('rg-web', 'web-02').toLowerCase())?.map((c) => c.name), ['web-02-rpc', 'web-02-rpc-westus']);
      assert.deepStrictEqual(index.unresolved.map((c) => c.name), ['lost-copy']);
    });
    it('matches VM ids case-insensitively', () => {
      const index = indexCollections([own]);
      assert.deepStrictEqual(orphanCollections(index, [vmId('RG-WEB', 'WEB-02')]), []);
    });
    it('finds collections whose VM no longer exists, and copies that lead nowhere', () => {
      const index = indexCollections([own, copy, gone, copyOfMissing]);
      assert.deepStrictEqual(orphanCollections(index, [vmId('rg-web', 'web-02')]).map((c) => c.name), ['old-rpc', 'lost-copy']);
    });
    it('shows the region, and for a copy where it was copied from', () => {
      assert.strictEqual(collectionDescription(own), 'eastus');
      assert.strictEqual(collectionDescription(copy), 'westus · copy from eastus');
      assert.strictEqual(collectionContextValue(copy), 'restorePointCollection;azureResource;copy');
      assert.strictEqual(collectionContextValue(gone, true), 'restorePointCollection;azureResource;orphan');
    });
  });

  describe('restore points', () => {
    const rp = (name: string, hours: number, state: string, extra: Partial<RestorePoint> = {}): RestorePoint =>
      ({ id: `${rpcId('rg', 'rpc')}/restorePoints/${name}`, name, timeCreated: new Date(NOW - hours * 3_600_000), provisioningState: state, consistencyMode: 'CrashConsistent', ...extra }) as RestorePoint;

    it('sorts newest first', () => {
      assert.deepStrictEqual(sortRestorePoints([rp('a', 48, 'Succeeded'), rp('b', 0, 'Creating'), rp('c', 6, 'Failed')]).map((p) => p.name), ['b', 'c', 'a']);
    });
    it('describes age · consistency mode · state and picks the icon by provisioning state', () => {
      assert.strictEqual(restorePointDescription(rp('a', 48, 'Succeeded'), NOW), '2 days ago · CrashConsistent · Succeeded');
      assert.deepStrictEqual(restorePointIcon(rp('a', 0, 'Creating')), { id: 'loading~spin' });
      assert.deepStrictEqual(restorePointIcon(rp('a', 0, 'Failed')), { id: 'error', color: 'testing.iconFailed' });
      assert.deepStrictEqual(restorePointIcon(rp('a', 0, 'Succeeded')), { id: 'pass', color: 'testing.iconPassed' });
    });
    it('marks copies and their state in the context value', () => {
      const copy = rp('a', 1, 'Creating', { sourceRestorePoint: { id: `${rpcId('rg', 'src')}/restorePoints/a` } });
      assert.strictEqual(restorePointContextValue(copy), 'restorePoint;azureResource;state:creating;copy');
    });
    it('never calls a copy "Succeeded" while its replication failed or could not be read', () => {
      const copy = rp('a', 1, 'Succeeded', { sourceRestorePoint: { id: `${rpcId('rg', 'src')}/restorePoints/a` } });
      assert.strictEqual(restorePointDescription(copy, NOW, undefined, {}, { state: 'Failed' }), '1 h ago · CrashConsistent · Replication failed');
      assert.strictEqual(restorePointDescription(copy, NOW, undefined, {}, { state: 'Unknown' }), '1 h ago · CrashConsistent · Replication unknown');
      assert.deepStrictEqual(restorePointIcon(copy, {}, { state: 'Failed' }), { id: 'error', color: 'testing.iconFailed' });
      assert.deepStrictEqual(restorePointIcon(copy, {}, { state: 'Unknown' }), { id: 'question' });
      assert.strictEqual(restorePointContextValue(copy, {}, { state: 'Failed' }), 'restorePoint;azureResource;state:succeeded;copy;replication:failed');
      assert.strictEqual(restorePointContextValue(copy, {}, { state: 'Unknown' }), 'restorePoint;azureResource;state:succeeded;copy;replication:unknown');
      assert.strictEqual(restorePointContextValue(copy, {}, { state: 'Replicating' }), 'restorePoint;azureResource;state:succeeded;copy;replicating');
    });
    it('puts creation time, excluded disks, source and replication in the tooltip', () => {
      const copy = rp('a-copy', 1, 'Succeeded', {
        sourceRestorePoint: { id: `${rpcId('rg', 'src')}/restorePoints/a` },
        excludeDisks: [{ id: `${SUB}/resourceGroups/rg/providers/Microsoft.Compute/disks/cache-disk` }],
      });
      const details = { ...copy, instanceView: { diskRestorePoints: [{ replicationStatus: { completionPercent: 40 } }, { replicationStatus: { completionPercent: 35 } }] } } as RestorePoint;
      const tooltip = restorePointTooltip(copy, details);
      assert.match(tooltip, /Created: 2026-01-10T11:00:00\.000Z/);
      assert.match(tooltip, /Excluded disks: cache-disk/);
      assert.match(tooltip, /Copy of: a in src `.*\/restorePointCollections\/src\/restorePoints\/a`/);
      assert.match(tooltip, /Replication: 35%/);
      assert.match(restorePointTooltip(copy, undefined), /Replication: unknown/);
    });
  });

  describe('disk restore points', () => {
    const drpId = (disk: string): string => `${rpcId('rg', 'rpc')}/restorePoints/rp/diskRestorePoints/${disk}_guid`;
    const rp = {
      sourceMetadata: {
        storageProfile: {
          osDisk: { name: 'os', diskSizeGB: 30, diskRestorePoint: { id: drpId('os') } },
          dataDisks: [
            { lun: 1, name: 'data-1', diskSizeGB: 256, diskRestorePoint: { id: drpId('data-1') } },
            { lun: 0, name: 'data-0', diskSizeGB: 64, diskRestorePoint: { id: drpId('data-0') } },
          ],
        },
      },
    } as RestorePoint;
    const details = [
      { id: drpId('os'), encryption: { type: 'EncryptionAtRestWithPlatformKey' }, replicationState: 'Replicating', completionPercent: 30 },
      { id: drpId('data-0'), encryption: { type: 'EncryptionAtRestWithCustomerKey' } },
    ] as DiskRestorePoint[];
    it('orders the OS disk first, then data disks by LUN, joining size, encryption and replication', () => {
      const rows = diskRows(rp, details);
      assert.deepStrictEqual(rows.map((r) => r.name), ['os', 'data-0', 'data-1']);
      assert.strictEqual(diskDescription(rows[0]), 'OS disk · 30 GiB · platform-managed key · replicating 30%');
      assert.strictEqual(diskDescription(rows[1]), 'data disk, LUN 0 · 64 GiB · customer-managed key');
      // Not in the details: a disk without an encryption set is encrypted with the platform's key.
      assert.strictEqual(diskDescription(rows[2]), 'data disk, LUN 1 · 256 GiB · platform-managed key');
    });

    it('builds the rows from the source metadata alone, with no disk restore point list', () => {
      assert.strictEqual(diskRowsNeedDetails(rp), false);
      assert.deepStrictEqual(
        diskRows(rp, []).map((r) => diskDescription(r)),
        ['OS disk · 30 GiB · platform-managed key', 'data disk, LUN 0 · 64 GiB · platform-managed key', 'data disk, LUN 1 · 256 GiB · platform-managed key'],
      );
      assert.deepStrictEqual(diskRows(rp, []).map((r) => r.id), [drpId('os'), drpId('data-0'), drpId('data-1')]);
    });

    it('tells encryption from the metadata only when it can', () => {
      assert.strictEqual(metadataEncryption({}), 'EncryptionAtRestWithPlatformKey');
      assert.strictEqual(metadataEncryption({ diskRestorePoint: { encryption: { type: 'EncryptionAtRestWithCustomerKey' } } }), 'EncryptionAtRestWithCustomerKey');
      assert.strictEqual(metadataEncryption({ managedDisk: { diskEncryptionSet: { id: 'des' } } }), undefined);
      assert.strictEqual(metadataEncryption({ managedDisk: { securityProfile: { diskEncryptionSet: { id: 'des' } } } }), undefined);
    });

    it('asks for the disk restore point list only for a copy, an unknown encryption or missing metadata', () => {
      const storage = rp.sourceMetadata!.storageProfile!;
      const copy = { ...rp, sourceRestorePoint: { id: `${rpcId('rg', 'src')}/restorePoints/rp` } } as RestorePoint;
      assert.strictEqual(diskRowsNeedDetails(copy), true);
      const withEncryptionSet = { sourceMetadata: { storageProfile: { ...storage, dataDisks: [{ ...storage.dataDisks![0], managedDisk: { diskEncryptionSet: { id: 'des' } } }] } } } as RestorePoint;
      assert.strictEqual(diskRowsNeedDetails(withEncryptionSet), true);
      const withoutDiskRestorePoint = { sourceMetadata: { storageProfile: { ...storage, dataDisks: [{ lun: 0, name: 'data-0' }] } } } as RestorePoint;
      assert.strictEqual(diskRowsNeedDetails(withoutDiskRestorePoint), true);
      assert.strictEqual(diskRowsNeedDetails({} as RestorePoint), true);
    });
  });

  describe('portal and limiter', () => {
    it('builds the portal URL of the configured cloud, in the resource\'s tenant', () => {
      const cloud = { portalUrl: 'https://portal.azure.us/' } as CloudConfig;
      assert.strictEqual(portalUrl(cloud, 'tid', '/subscriptions/s/resourceGroups/rg'), 'https://portal.azure.us/#@tid/resource/subscriptions/s/resourceGroups/rg');
    });
    it('never runs more tasks at once than allowed', async () => {
      const limit = createLimiter(2);
      let running = 0;
      let peak = 0;
      const task = async (): Promise<void> => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setImmediate(r));
        running--;
      };
      await Promise.all(Array.from({ length: 7 }, () => limit(task)));
      assert.strictEqual(peak, 2);
    });
  });

  describe('errors', () => {
    it('prefers ARM\'s message from the response body over the pager\'s generic one', () => {
      const error = Object.assign(new Error('Pagination failed with unexpected statusCode 403'), {
        statusCode: 403,
        response: { bodyAsText: JSON.stringify({ error: { code: 'AuthorizationFailed', message: 'The client does not have authorization.' } }) },
      });
      assert.strictEqual(errorMessage(error), 'The client does not have authorization.');
      assert.strictEqual(errorCode(error), 'AuthorizationFailed');
      assert.strictEqual(statusCode(error), 403);
    });
    it('falls back to the error\'s own message when the body is not ARM\'s', () => {
      const error = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', response: { bodyAsText: '<html>' } });
      assert.strictEqual(errorMessage(error), 'self-signed certificate');
      assert.strictEqual(errorCode(error), 'DEPTH_ZERO_SELF_SIGNED_CERT');
      assert.strictEqual(statusCode(error), undefined);
    });
  });
});
