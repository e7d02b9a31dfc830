import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANTS } from '../demoIdentity';

/**
 * What the `demo` data set contains, for tests in other processes and for `npm start`: names
 * and counts are fixed (seeded); times are relative to when the data was loaded.
 */
const PROD = '0b1f6c2e-3a4d-4b5c-8d6e-7f8091a2b3c4';
const DEVTEST = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const SANDBOX = '2d3e4f5a-6b7c-4d8e-9fa0-1b2c3d4e5f60';
const FINANCE = '3e4f5a6b-7c8d-4e9f-a0b1-2c3d4e5f6071';

export const demoCatalog = {
  tenants: Object.values(DEMO_TENANTS),
  clientId: DEMO_CLIENT_ID,
  clientSecret: DEMO_CLIENT_SECRET,
  subscriptions: [
    { subscriptionId: PROD, displayName: 'Contoso Production', tenantId: DEMO_TENANTS.contoso.tenantId, accessible: true },
    { subscriptionId: DEVTEST, displayName: 'Contoso Dev/Test', tenantId: DEMO_TENANTS.contoso.tenantId, accessible: true },
    { subscriptionId: SANDBOX, displayName: 'Fabrikam Sandbox', tenantId: DEMO_TENANTS.fabrikam.tenantId, accessible: true },
    { subscriptionId: FINANCE, displayName: 'Fabrikam Finance', tenantId: DEMO_TENANTS.fabrikam.tenantId, accessible: false },
  ],
  /** Listed by GET /subscriptions, but its resources answer 403 AuthorizationFailed. */
  forbiddenSubscriptionId: FINANCE,
  /** Hundreds of VMs and thousands of restore points, to show paging. */
  large: {
    subscriptionId: PROD,
    resourceGroups: [
      { name: 'rg-prod-app-eastus', location: 'eastus' },
      { name: 'rg-prod-app-westeurope', location: 'westeurope' },
      { name: 'rg-prod-data-eastus2', location: 'eastus2' },
      { name: 'rg-prod-data-northeurope', location: 'northeurope' },
      { name: 'rg-prod-batch-westus2', location: 'westus2' },
      { name: 'rg-prod-edge-japaneast', location: 'japaneast' },
    ],
    virtualMachines: 300,
    /** One collection per VM. */
    restorePointCollections: 300,
    restorePoints: 3000,
  },
  /** A small, hand-made subscription with every state the extension shows. */
  devTest: {
    subscriptionId: DEVTEST,
    resourceGroups: [
      { name: 'rg-web-eastus', location: 'eastus' },
      { name: 'rg-data-westeurope', location: 'westeurope' },
      { name: 'rg-dr-westus', location: 'westus' },
    ],
    /** web-01: a Trusted Launch VM; restore points succeeded, failed and one still creating (so a new one gets 409). */
    web01: {
      resourceGroup: 'rg-web-eastus', vm: 'web-01', location: 'eastus', dataDisks: 2, collection: 'web-01-rpc', trustedLaunch: true,
      restorePoints: { succeeded: ['rp-web-01-001', 'rp-web-01-002', 'rp-web-01-003'], failed: 'rp-web-01-failed', creating: 'rp-web-01-creating' },
    },
    /** web-02: idle, for creating restore points; its collection is copied to westus. */
    web02: { resourceGroup: 'rg-web-eastus', vm: 'web-02', location: 'eastus', dataDisks: 1, collection: 'web-02-rpc', restorePoints: ['rp-web-02-001', 'rp-web-02-002'] },
    /** sql-01: four data disks including Premium SSD v2 and Ultra (not allowed in crash-consistent restore points). */
    sql01: { resourceGroup: 'rg-data-westeurope', vm: 'sql-01', location: 'westeurope', dataDisks: 4, collection: 'sql-01-rpc', restorePoints: ['rp-sql-01-001'] },
    /** cache-01: ephemeral OS disk and a shared data disk; both must be excluded from a restore point. */
    cache01: { resourceGroup: 'rg-data-westeurope', vm: 'cache-01', location: 'westeurope', dataDisks: 2, sharedDataDiskLun: 1 },
    /** Cross-region copies of web-02-rpc in westus: one finished, one still replicating. */
    copies: {
      resourceGroup: 'rg-dr-westus', collection: 'web-02-rpc-westus', location: 'westus', sourceCollection: 'web-02-rpc',
      replicated: { name: 'rp-web-02-001-copy', source: 'rp-web-02-001' },
      replicating: { name: 'rp-web-02-002-copy', source: 'rp-web-02-002' },
    },
  },
  sandbox: {
    subscriptionId: SANDBOX,
    resourceGroups: [{ name: 'rg-sandbox-uksouth', location: 'uksouth' }],
    lab01: { resourceGroup: 'rg-sandbox-uksouth', vm: 'lab-01', location: 'uksouth', dataDisks: 1, collection: 'lab-01-rpc', restorePoints: ['rp-lab-01-001'] },
    lab02: { resourceGroup: 'rg-sandbox-uksouth', vm: 'lab-02', location: 'uksouth', dataDisks: 3 },
  },
  /**
   * Every demo VM has a NIC `<vm>-nic` (ip configuration `ipconfig1`) in its group's network
   * `<group>-vnet` (one /16 per network, 10.1.0.0/16 upwards in the order groups get their first VM),
   * subnet `default` (the /24 at the start of it); addresses from x.x.x.4 in the order VMs were added.
   */
  network: { vnetSuffix: '-vnet', subnet: 'default', nicSuffix: '-nic' },
  finance: { subscriptionId: FINANCE, resourceGroups: [{ name: 'rg-finance', location: 'westeurope' }] },
} as const;

export type DemoCatalog = typeof demoCatalog;
