import type { EmulatorState } from '../engine/state';
import type { DiskSku } from '../engine/model';
import { DataBuilder } from './builder';
import { demoCatalog as c } from './demoCatalog';
import { SeededRandom } from './random';

const SEED = 20_260_401;

/** The demo data set described by `demoCatalog`. */
export function loadDemo(state: EmulatorState): void {
  const b = new DataBuilder(state, new SeededRandom(SEED));
  addDevTest(b);
  addSandbox(b);
  addFinance(b);
  addLarge(b, new SeededRandom(SEED + 1));
}

function addDevTest(b: DataBuilder): void {
  const d = c.devTest;
  const sub = d.subscriptionId;
  for (const rg of d.resourceGroups) b.resourceGroup(sub, rg.name, rg.location, { environment: 'dev' });

  const web01 = b.vm({ subscriptionId: sub, resourceGroup: d.web01.resourceGroup, name: d.web01.vm, location: d.web01.location, osType: 'Linux', trustedLaunch: true, dataDisks: [{ sizeGB: 64 }, { sizeGB: 256, sku: 'StandardSSD_LRS' }] });
  const web01rpc = b.collection(web01, d.web01.collection);
  d.web01.restorePoints.succeeded.forEach((name, i) => b.restorePoint(web01rpc, web01, name, 72 - i * 24));
  b.restorePoint(web01rpc, web01, d.web01.restorePoints.failed, 6, 'failed');
  b.restorePoint(web01rpc, web01, d.web01.restorePoints.creating, 0, 'creating');

  const web02 = b.vm({ subscriptionId: sub, resourceGroup: d.web02.resourceGroup, name: d.web02.vm, location: d.web02.location, osType: 'Windows', vmSize: 'Standard_D4s_v3', dataDisks: [{ sizeGB: 128 }] });
  const web02rpc = b.collection(web02, d.web02.collection, { purpose: 'nightly' });
  const [first, second] = d.web02.restorePoints.map((name, i) => b.restorePoint(web02rpc, web02, name, 48 - i * 24));

  const sql01 = b.vm({
    subscriptionId: sub, resourceGroup: d.sql01.resourceGroup, name: d.sql01.vm, location: d.sql01.location, osType: 'Windows', vmSize: 'Standard_E8s_v3',
    dataDisks: [{ sizeGB: 512 }, { sizeGB: 512 }, { sku: 'PremiumV2_LRS', sizeGB: 1024 }, { sku: 'UltraSSD_LRS', sizeGB: 256 }],
  });
  const sqlrpc = b.collection(sql01, d.sql01.collection);
  b.restorePoint(sqlrpc, sql01, d.sql01.restorePoints[0], 12);

  b.vm({
    subscriptionId: sub, resourceGroup: d.cache01.resourceGroup, name: d.cache01.vm, location: d.cache01.location, osType: 'Linux', vmSize: 'Standard_D8s_v3',
    ephemeralOs: true, dataDisks: [{ sizeGB: 64 }, { sizeGB: 256, maxShares: 2 }],
  });

  const copies = b.copyCollection(web02rpc, d.copies.resourceGroup, d.copies.collection, d.copies.location);
  b.copy(copies, first, web02rpc.location, d.copies.replicated.name, 1);
  b.copy(copies, second, web02rpc.location, d.copies.replicating.name, 0.3);
}

function addSandbox(b: DataBuilder): void {
  const s = c.sandbox;
  for (const rg of s.resourceGroups) b.resourceGroup(s.subscriptionId, rg.name, rg.location);
  const lab01 = b.vm({ subscriptionId: s.subscriptionId, resourceGroup: s.lab01.resourceGroup, name: s.lab01.vm, location: s.lab01.location, osType: 'Linux', vmSize: 'Standard_B2s', osSku: 'StandardSSD_LRS', dataDisks: [{ sizeGB: 32, sku: 'StandardSSD_LRS' }] });
  b.restorePoint(b.collection(lab01, s.lab01.collection), lab01, s.lab01.restorePoints[0], 30);
  b.vm({ subscriptionId: s.subscriptionId, resourceGroup: s.lab02.resourceGroup, name: s.lab02.vm, location: s.lab02.location, osType: 'Windows', vmSize: 'Standard_B4ms', powerState: 'deallocated', dataDisks: [{}, {}, { sku: 'Standard_LRS' }] });
}

function addFinance(b: DataBuilder): void {
  const f = c.finance;
  for (const rg of f.resourceGroups) b.resourceGroup(f.subscriptionId, rg.name, rg.location);
  const vm = b.vm({ subscriptionId: f.subscriptionId, resourceGroup: f.resourceGroups[0].name, name: 'ledger-01', location: f.resourceGroups[0].location, osType: 'Windows', dataDisks: [{}] });
  b.restorePoint(b.collection(vm, 'ledger-01-rpc'), vm, 'rp-ledger-01-001', 24);
}

const SIZES = ['Standard_D2s_v3', 'Standard_D4s_v3', 'Standard_E4s_v3', 'Standard_F4s_v2', 'Standard_B2ms'];
const DATA_SKUS: DiskSku[] = ['Premium_LRS', 'Premium_LRS', 'StandardSSD_LRS', 'Standard_LRS'];
const ROLES = ['app', 'api', 'worker', 'db', 'cache'];

/** 300 VMs with 1-4 data disks, each with one collection of 10 daily restore points (some failed, a few creating). */
function addLarge(b: DataBuilder, rng: SeededRandom): void {
  const l = c.large;
  for (const rg of l.resourceGroups) b.resourceGroup(l.subscriptionId, rg.name, rg.location, { environment: 'production' });
  const perVm = l.restorePoints / l.virtualMachines;
  for (let i = 0; i < l.virtualMachines; i++) {
    const rg = l.resourceGroups[i % l.resourceGroups.length];
    const role = ROLES[i % ROLES.length];
    const name = `prod-${role}-${String(i + 1).padStart(3, '0')}`;
    const vm = b.vm({
      subscriptionId: l.subscriptionId, resourceGroup: rg.name, name, location: rg.location, osType: rng.next() < 0.6 ? 'Linux' : 'Windows',
      vmSize: rng.pick(SIZES), powerState: rng.next() < 0.85 ? 'running' : 'deallocated',
      dataDisks: Array.from({ length: rng.int(1, 4) }, () => ({ sku: rng.pick(DATA_SKUS), sizeGB: rng.pick([64, 128, 256, 512]) })),
      tags: { role },
    });
    const rpc = b.collection(vm, `${name}-rpc`);
    for (let k = 0; k < perVm; k++) {
      const last = k === perVm - 1;
      const kind = last && i % 50 === 7 ? 'creating' : (i * perVm + k) % 23 === 5 ? 'failed' : 'succeeded';
      b.restorePoint(rpc, vm, `rp-${name}-${String(k + 1).padStart(3, '0')}`, (perVm - k) * 24, kind);
    }
  }
}
