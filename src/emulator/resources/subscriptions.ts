import type { ArmRoute, RequestContext } from '../http/context';
import { ArmError } from '../http/errors';
import { page, PAGE_SIZE } from '../http/paging';
import type { Subscription } from '../engine/model';
import { REGIONS } from '../data/regions';

function renderSubscription(s: Subscription): unknown {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: s.subscriptionId,
    tenantId: s.tenantId,
    displayName: s.displayName,
    state: s.state,
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
  };
}

/** ARM only lists the subscriptions of the tenant the token was issued for. */
function visibleSubscriptions(ctx: RequestContext): Subscription[] {
  return [...ctx.state.store.subscriptions.values()].filter((s) => s.tenantId === ctx.caller.tenantId);
}

export const subscriptionRoutes: ArmRoute[] = [
  {
    method: 'GET',
    template: '/tenants',
    family: 'tenants',
    scope: 'tenant',
    action: 'Microsoft.Resources/tenants/read',
    handler: (ctx) => {
      const principal = ctx.state.store.principals.get(ctx.caller.clientId.toLowerCase());
      // AD FS knows one directory, the one its tokens are for; Microsoft Entra ID lists every tenant the principal is in.
      const tenants = [...ctx.state.store.tenants.values()].filter((t) => principal?.tenantIds.includes(t.tenantId) && (ctx.state.identity !== 'adfs' || t.tenantId === ctx.caller.tenantId));
      return {
        status: 200,
        body: page(tenants, ctx, PAGE_SIZE.subscriptions, (t) => ({
          id: `/tenants/${t.tenantId}`,
          tenantId: t.tenantId,
          countryCode: t.countryCode,
          displayName: t.displayName,
          domains: [t.defaultDomain],
          tenantCategory: t.tenantId === ctx.caller.tenantId ? 'Home' : 'ProjectedBy',
          defaultDomain: t.defaultDomain,
          tenantType: 'AAD',
        })),
      };
    },
  },
  {
    method: 'GET',
    template: '/subscriptions',
    family: 'subscriptions',
    scope: 'tenant',
    action: 'Microsoft.Resources/subscriptions/read',
    handler: (ctx) => ({ status: 200, body: page(visibleSubscriptions(ctx), ctx, PAGE_SIZE.subscriptions, renderSubscription) }),
  },
  {
    method: 'GET',
    template: '/subscriptions/{subscriptionId}',
    family: 'subscriptions',
    scope: 'subscription',
    action: 'Microsoft.Resources/subscriptions/read',
    handler: (ctx) => {
      const sub = ctx.state.store.getSubscription(ctx.params.subscriptionId);
      if (!sub) throw new ArmError(404, 'SubscriptionNotFound', `The subscription '${ctx.params.subscriptionId}' could not be found.`);
      return { status: 200, body: renderSubscription(sub) };
    },
  },
  {
    method: 'GET',
    template: '/subscriptions/{subscriptionId}/locations',
    family: 'subscriptions',
    scope: 'subscription',
    action: 'Microsoft.Resources/subscriptions/locations/read',
    handler: (ctx) => {
      const sub = ctx.params.subscriptionId;
      const locationId = (name: string): string => `/subscriptions/${sub}/locations/${name}`;
      return {
        status: 200,
        body: {
          value: REGIONS.map((r) => ({
            id: locationId(r.name),
            name: r.name,
            type: 'Region',
            displayName: r.displayName,
            regionalDisplayName: `(${r.geographyGroup}) ${r.displayName}`,
            metadata: {
              regionType: 'Physical',
              regionCategory: 'Recommended',
              geography: r.geography,
              geographyGroup: r.geographyGroup,
              longitude: r.longitude,
              latitude: r.latitude,
              physicalLocation: r.physicalLocation,
              pairedRegion: [{ name: r.pairedRegion, id: locationId(r.pairedRegion) }],
            },
          })),
        },
      };
    },
  },
];
