import { randomUUID } from 'node:crypto';
import type { ArmRoute, HandlerResult, RequestContext } from '../http/context';
import { ArmError, conflict, invalidContent, invalidParameter, parentNotFound, resourceNotFound } from '../http/errors';
import { page, PAGE_SIZE } from '../http/paging';
import { Body } from '../http/validation';
import { contains, overlaps, parseCidr, type Cidr } from '../engine/cidr';
import { key, networkId } from '../engine/ids';
import type { NetworkInterface, Subnet, VirtualNetwork } from '../engine/networkModel';
import type { Store } from '../engine/store';
import { checkNetworkName, locatedBody, networkDeleted, networkResourceRoutes, networkWritten, newEtag } from './networkCommon';

const TYPE = 'Microsoft.Network/virtualNetworks';

export const subnetId = (vnet: VirtualNetwork, name: string): string => `${vnet.id}/subnets/${name}`;

/** The ip configurations (NICs) using a subnet: while there are any, the subnet cannot go. */
export function subnetUsers(store: Store, id: string): Array<{ nic: NetworkInterface; ipConfigurationId: string }> {
  const wanted = key(id);
  return [...store.networkInterfaces.values()].flatMap((nic) =>
    nic.ipConfigurations.filter((c) => key(c.subnetId) === wanted).map((c) => ({ nic, ipConfigurationId: `${nic.id}/ipConfigurations/${c.name}` })));
}

function renderSubnet(store: Store, vnet: VirtualNetwork, subnet: Subnet): Record<string, unknown> {
  const id = subnetId(vnet, subnet.name);
  const users = subnetUsers(store, id);
  return {
    id,
    name: subnet.name,
    etag: newEtag(),
    type: `${TYPE}/subnets`,
    properties: {
      provisioningState: 'Succeeded',
      addressPrefix: subnet.addressPrefix,
      ...(users.length ? { ipConfigurations: users.map((u) => ({ id: u.ipConfigurationId })) } : {}),
      privateEndpointNetworkPolicies: 'Disabled',
      privateLinkServiceNetworkPolicies: 'Enabled',
    },
  };
}

export function renderVirtualNetwork(store: Store, vnet: VirtualNetwork): Record<string, unknown> {
  return {
    id: vnet.id,
    name: vnet.name,
    type: TYPE,
    location: vnet.location,
    tags: vnet.tags,
    etag: newEtag(),
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: vnet.resourceGuid,
      addressSpace: { addressPrefixes: vnet.addressPrefixes },
      subnets: vnet.subnets.map((s) => renderSubnet(store, vnet, s)),
      virtualNetworkPeerings: [],
      enableDdosProtection: false,
    },
  };
}

/** A malformed prefix; NRP's code for it is not documented, InvalidAddressPrefixFormat is our choice. */
function cidrOf(text: string, target: string): Cidr {
  const cidr = parseCidr(text);
  if (!cidr) throw new ArmError(400, 'InvalidAddressPrefixFormat', `Address prefix ${text} is not a valid IPv4 CIDR block (such as 10.0.0.0/16, with no host bits set).`, target);
  return cidr;
}

/**
 * The address rules NRP enforces in one virtual network: its address spaces must not overlap
 * (VnetAddressSpacesOverlap: our choice of code), and each subnet must lie inside them
 * (NetcfgSubnetRangeOutsideVnet) without overlapping another subnet (NetcfgSubnetRangesOverlap).
 */
export function checkAddressing(vnetName: string, prefixes: string[], subnets: Subnet[]): void {
  if (prefixes.length === 0) throw invalidParameter(`Virtual network ${vnetName} needs at least one address prefix in addressSpace.addressPrefixes.`, 'properties.addressSpace.addressPrefixes');
  const spaces = prefixes.map((p, i) => cidrOf(p, `properties.addressSpace.addressPrefixes[${i}]`));
  spaces.forEach((a, i) => spaces.slice(i + 1).forEach((b, j) => {
    if (overlaps(a, b)) {
      throw new ArmError(400, 'VnetAddressSpacesOverlap', `Address space ${prefixes[i]} overlaps with address space ${prefixes[i + 1 + j]} of virtual network ${vnetName}. The address spaces of a virtual network must not overlap.`);
    }
  }));
  const ranges = subnets.map((s) => cidrOf(s.addressPrefix, `properties.subnets.${s.name}.addressPrefix`));
  subnets.forEach((s, i) => {
    if (!spaces.some((space) => contains(space, ranges[i]))) {
      throw new ArmError(400, 'NetcfgSubnetRangeOutsideVnet', `Subnet '${s.name}' is not valid because its IP address range is outside the IP address range of virtual network '${vnetName}'.`);
    }
    const other = subnets.findIndex((_, j) => j !== i && overlaps(ranges[i], ranges[j]));
    if (other >= 0) {
      throw new ArmError(400, 'NetcfgSubnetRangesOverlap', `Subnet '${s.name}' is not valid because its IP address range overlaps with that of an existing subnet in virtual network '${vnetName}'.`);
    }
  });
  const names = new Set<string>();
  for (const s of subnets) {
    if (names.has(s.name.toLowerCase())) throw invalidParameter(`Subnet name '${s.name}' is used more than once in virtual network ${vnetName}.`, 'properties.subnets');
    names.add(s.name.toLowerCase());
  }
}

/** InUseSubnetCannotBeDeleted: a subnet with NICs in it cannot be removed (nor, our choice, moved). */
function checkSubnetsKept(store: Store, vnet: VirtualNetwork, next: Subnet[]): void {
  for (const s of vnet.subnets) {
    const users = subnetUsers(store, subnetId(vnet, s.name));
    if (users.length === 0) continue;
    const kept = next.find((n) => n.name.toLowerCase() === s.name.toLowerCase());
    if (!kept) {
      throw new ArmError(400, 'InUseSubnetCannotBeDeleted', `Subnet ${s.name} is in use by ${users[0].ipConfigurationId} and cannot be deleted. In order to delete the subnet, delete all the resources within the subnet. See aka.ms/deletesubnet.`);
    }
    if (kept.addressPrefix !== s.addressPrefix) {
      throw new ArmError(400, 'InUseSubnetCannotBeUpdated', `Subnet ${s.name} is in use by ${users[0].ipConfigurationId}; its address prefix cannot change while it is in use.`);
    }
  }
}

function subnetOf(body: Body, i: number): Subnet {
  const name = body.string('name');
  if (!name) throw invalidParameter(`Required parameter 'subnets[${i}].name' is missing (null).`, `properties.subnets[${i}].name`);
  const props = body.object('properties');
  const prefix = props?.string('addressPrefix') ?? props?.stringArray('addressPrefixes')?.[0];
  if (!prefix) throw invalidParameter(`Subnet '${name}' needs properties.addressPrefix.`, `properties.subnets[${i}].properties.addressPrefix`);
  return { name, addressPrefix: prefix };
}

function vnetArmId(ctx: RequestContext): string {
  return networkId(ctx.params.subscriptionId, ctx.params.resourceGroupName, 'virtualNetworks', ctx.params.virtualNetworkName);
}

/** VirtualNetworks_CreateOrUpdate: a PUT replaces the whole network, subnets included, as NRP does. */
function putVirtualNetwork(ctx: RequestContext): HandlerResult {
  const { params, state } = ctx;
  checkNetworkName(params.virtualNetworkName, 'virtualNetworkName');
  const { body, location, tags } = locatedBody(ctx, 'virtualNetworks');
  const properties = body.object('properties');
  const prefixes = properties?.object('addressSpace')?.stringArray('addressPrefixes') ?? [];
  const subnets = (properties?.array('subnets') ?? []).map(subnetOf);
  checkAddressing(params.virtualNetworkName, prefixes, subnets);
  const id = vnetArmId(ctx);
  const existing = state.store.virtualNetworks.get(key(id));
  if (existing) {
    if (existing.location !== location) throw conflict('InvalidResourceLocation', `The resource '${existing.name}' already exists in location '${existing.location}'; it cannot be moved to '${location}'.`);
    checkSubnetsKept(state.store, existing, subnets);
    existing.addressPrefixes = prefixes;
    existing.subnets = subnets;
    if (tags) existing.tags = tags;
    return networkWritten(ctx, existing, false, renderVirtualNetwork(state.store, existing));
  }
  const vnet: VirtualNetwork = {
    id, subscriptionId: params.subscriptionId, resourceGroup: params.resourceGroupName, name: params.virtualNetworkName, location,
    addressPrefixes: prefixes, subnets, resourceGuid: randomUUID(), tags: tags ?? {},
  };
  state.store.virtualNetworks.set(key(id), vnet);
  return networkWritten(ctx, vnet, true, renderVirtualNetwork(state.store, vnet));
}

function requireVnet(ctx: RequestContext, asParent = false): VirtualNetwork {
  const vnet = ctx.state.store.virtualNetworks.get(key(vnetArmId(ctx)));
  if (!vnet) throw asParent ? parentNotFound(ctx.params.virtualNetworkName) : resourceNotFound(TYPE, ctx.params.virtualNetworkName, ctx.params.resourceGroupName);
  return vnet;
}

function deleteVirtualNetwork(ctx: RequestContext): HandlerResult {
  const vnet = ctx.state.store.virtualNetworks.get(key(vnetArmId(ctx)));
  if (!vnet) return { status: 204 };
  checkSubnetsKept(ctx.state.store, vnet, []);
  ctx.state.store.virtualNetworks.delete(key(vnet.id));
  return networkDeleted(ctx, vnet);
}

function requireSubnet(ctx: RequestContext, vnet: VirtualNetwork): Subnet {
  const subnet = vnet.subnets.find((s) => s.name.toLowerCase() === ctx.params.subnetName.toLowerCase());
  if (!subnet) throw resourceNotFound(`${TYPE}/subnets`, `${vnet.name}/${ctx.params.subnetName}`, ctx.params.resourceGroupName);
  return subnet;
}

/** Subnets_CreateOrUpdate: the same rules as the network's PUT, for one subnet. */
function putSubnet(ctx: RequestContext): HandlerResult {
  const vnet = requireVnet(ctx, true);
  checkNetworkName(ctx.params.subnetName, 'subnetName');
  if (ctx.body === undefined) throw invalidContent('a subnet definition is required.');
  const subnet = subnetOf(Body.of({ ...(ctx.body as object), name: ctx.params.subnetName }), 0);
  const others = vnet.subnets.filter((s) => s.name.toLowerCase() !== subnet.name.toLowerCase());
  const existing = vnet.subnets.find((s) => s.name.toLowerCase() === subnet.name.toLowerCase());
  const next = existing ? vnet.subnets.map((s) => (s === existing ? subnet : s)) : [...others, subnet];
  checkAddressing(vnet.name, vnet.addressPrefixes, next);
  checkSubnetsKept(ctx.state.store, vnet, next);
  vnet.subnets = next;
  return networkWritten(ctx, vnet, !existing, renderSubnet(ctx.state.store, vnet, subnet));
}

function deleteSubnet(ctx: RequestContext): HandlerResult {
  const vnet = requireVnet(ctx, true);
  const subnet = vnet.subnets.find((s) => s.name.toLowerCase() === ctx.params.subnetName.toLowerCase());
  if (!subnet) return { status: 204 };
  const next = vnet.subnets.filter((s) => s !== subnet);
  checkSubnetsKept(ctx.state.store, vnet, next);
  vnet.subnets = next;
  return networkDeleted(ctx, vnet);
}

const { routes: vnetRoutes, one } = networkResourceRoutes({
  type: 'virtualNetworks',
  family: 'virtualNetworks',
  nameParam: 'virtualNetworkName',
  items: (ctx) => ctx.state.store.virtualNetworks,
  render: (ctx, vnet) => renderVirtualNetwork(ctx.state.store, vnet),
  get: (ctx) => requireVnet(ctx),
  put: putVirtualNetwork,
  delete: deleteVirtualNetwork,
});

export const virtualNetworkRoutes: ArmRoute[] = [
  ...vnetRoutes,
  {
    method: 'GET', template: `${one}/subnets`, family: 'subnets', scope: 'resourceGroup', action: `${TYPE}/subnets/read`,
    handler: (ctx) => {
      const vnet = requireVnet(ctx, true);
      return { status: 200, body: page(vnet.subnets, ctx, PAGE_SIZE.network, (s) => renderSubnet(ctx.state.store, vnet, s)) };
    },
  },
  {
    method: 'GET', template: `${one}/subnets/{subnetName}`, family: 'subnets', scope: 'resourceGroup', action: `${TYPE}/subnets/read`,
    handler: (ctx) => {
      const vnet = requireVnet(ctx, true);
      return { status: 200, body: renderSubnet(ctx.state.store, vnet, requireSubnet(ctx, vnet)) };
    },
  },
  { method: 'PUT', template: `${one}/subnets/{subnetName}`, family: 'subnets', scope: 'resourceGroup', action: `${TYPE}/subnets/write`, handler: putSubnet },
  { method: 'DELETE', template: `${one}/subnets/{subnetName}`, family: 'subnets', scope: 'resourceGroup', action: `${TYPE}/subnets/delete`, handler: deleteSubnet },
];

/** Finds the subnet an id names (`.../virtualNetworks/{vnet}/subnets/{name}`), with its network. */
export function findSubnet(store: Store, id: string): { vnet: VirtualNetwork; subnet: Subnet } | undefined {
  const m = /^(.*\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+)\/subnets\/([^/]+)$/i.exec(id);
  if (!m) return undefined;
  const vnet = store.virtualNetworks.get(key(m[1]));
  const subnet = vnet?.subnets.find((s) => s.name.toLowerCase() === m[2].toLowerCase());
  return vnet && subnet ? { vnet, subnet } : undefined;
}

