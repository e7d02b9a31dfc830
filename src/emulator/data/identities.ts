import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PRINCIPAL_OBJECT_ID, DEMO_TENANTS } from '../demoIdentity';
import type { Store } from '../engine/store';
import { demoCatalog } from './demoCatalog';

/** Tenants, the demo service principal and the subscriptions: present in every data set so sign-in works. */
export function addIdentities(store: Store): void {
  for (const tenant of Object.values(DEMO_TENANTS)) store.tenants.set(tenant.tenantId, { ...tenant });
  store.principals.set(DEMO_CLIENT_ID.toLowerCase(), {
    clientId: DEMO_CLIENT_ID,
    secret: DEMO_CLIENT_SECRET,
    objectId: DEMO_PRINCIPAL_OBJECT_ID,
    displayName: 'restore-points-demo',
    tenantIds: Object.values(DEMO_TENANTS).map((t) => t.tenantId),
  });
  for (const s of demoCatalog.subscriptions) {
    store.subscriptions.set(s.subscriptionId.toLowerCase(), { subscriptionId: s.subscriptionId, displayName: s.displayName, tenantId: s.tenantId, state: 'Enabled', accessible: s.accessible });
  }
}
