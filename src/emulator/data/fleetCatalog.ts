import { DEMO_TENANTS } from '../demoIdentity';

const SUBSCRIPTIONS_PER_TENANT = 100;

/**
 * What the `fleet` data set contains: many subscriptions in the two demo tenants (the demo sign-in
 * reaches them), for measuring and testing work across a fleet. Every subscription has the same
 * shape; names, ids and times are seeded per subscription, so they are the same in every process
 * and whichever subscription is touched first. The four demo subscriptions are listed too, empty.
 */
export const fleetCatalog = {
  tenants: [DEMO_TENANTS.contoso, DEMO_TENANTS.fabrikam],
  subscriptionsPerTenant: SUBSCRIPTIONS_PER_TENANT,
  perSubscription: {
    /** One per region below, each VM in `rg-fleet-<region>` of its index modulo 4. */
    resourceGroups: ['eastus', 'westeurope', 'eastus2', 'northeurope'],
    virtualMachines: 100,
    /** Every VM but each fourth (index 3, 7, 11, …) has one collection, `<vm>-rpc`. */
    restorePointCollections: 75,
    /** Ten per collection, a day apart. */
    restorePoints: 750,
  },
  totals: {
    subscriptions: 200,
    virtualMachines: 20_000,
    restorePointCollections: 15_000,
    restorePoints: 150_000,
  },
  /** `Fleet Contoso 001` …, n from 1; ids are fixed (see `fleetSubscriptionId`). */
  displayName: (tenantIndex: number, n: number): string => `Fleet ${tenantIndex === 0 ? 'Contoso' : 'Fabrikam'} ${String(n).padStart(3, '0')}`,
} as const;

/** Subscription ids of the fleet: tenant 0 (Contoso) has indexes 0-99, tenant 1 (Fabrikam) 100-199. */
export function fleetSubscriptionId(index: number): string {
  return `f1ee7000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}
