import { randomUUID } from 'node:crypto';
import type { ArmRoute, HandlerResult, RequestContext } from '../http/context';
import { ArmError, conflict } from '../http/errors';
import { formatIp, parseIp } from '../engine/cidr';
import { key, networkId } from '../engine/ids';
import type { PublicIpAddress } from '../engine/networkModel';
import { checkNetworkName, locatedBody, networkDeleted, networkResourceRoutes, networkWritten, newEtag, requireIn } from './networkCommon';

const TYPE = 'Microsoft.Network/publicIPAddresses';

export function renderPublicIp(ip: PublicIpAddress): Record<string, unknown> {
  return {
    id: ip.id,
    name: ip.name,
    type: TYPE,
    location: ip.location,
    tags: ip.tags,
    etag: newEtag(),
    sku: { name: ip.sku, tier: 'Regional' },
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: ip.resourceGuid,
      ...(ip.ipAddress ? { ipAddress: ip.ipAddress } : {}),
      publicIPAddressVersion: 'IPv4',
      publicIPAllocationMethod: ip.allocation,
      idleTimeoutInMinutes: 4,
      ...(ip.ipConfigurationId ? { ipConfiguration: { id: ip.ipConfigurationId } } : {}),
    },
  };
}

/** The next address of the emulator's public range (20.x.y.z), unique among the public IPs it holds. */
function nextPublicAddress(ctx: RequestContext): string {
  const used = new Set([...ctx.state.store.publicIpAddresses.values()].map((p) => p.ipAddress));
  for (let n = parseIp('20.1.0.4')!; ; n++) if (!used.has(formatIp(n))) return formatIp(n);
}

function ipArmId(ctx: RequestContext): string {
  return networkId(ctx.params.subscriptionId, ctx.params.resourceGroupName, 'publicIPAddresses', ctx.params.publicIpAddressName);
}

/**
 * PublicIPAddresses_CreateOrUpdate. A Standard SKU address is always Static (NRP refuses Dynamic for
 * it, code our choice); a Basic Dynamic one gets its address only once it is associated, as in Azure.
 */
function putPublicIp(ctx: RequestContext): HandlerResult {
  const { params, state } = ctx;
  checkNetworkName(params.publicIpAddressName, 'publicIpAddressName');
  const { body, location, tags } = locatedBody(ctx, 'publicIPAddresses');
  const skuName = body.object('sku')?.string('name') ?? 'Standard';
  if (skuName !== 'Standard' && skuName !== 'Basic') throw new ArmError(400, 'InvalidRequestFormat', `The public IP SKU '${skuName}' is not valid; use Standard or Basic.`, 'sku.name');
  const requested = body.object('properties')?.string('publicIPAllocationMethod');
  if (requested !== undefined && requested !== 'Static' && requested !== 'Dynamic') throw new ArmError(400, 'InvalidRequestFormat', `publicIPAllocationMethod '${requested}' is not valid; use Static or Dynamic.`, 'properties.publicIPAllocationMethod');
  if (skuName === 'Standard' && requested === 'Dynamic') {
    throw new ArmError(400, 'StandardSkuPublicIPAddressesCannotBeDynamic', `Standard sku public IP address ${params.publicIpAddressName} must have publicIPAllocationMethod Static.`);
  }
  const allocation = requested ?? (skuName === 'Standard' ? 'Static' : 'Dynamic');
  const id = ipArmId(ctx);
  const existing = state.store.publicIpAddresses.get(key(id));
  if (existing) {
    if (existing.location !== location) throw conflict('InvalidResourceLocation', `The resource '${existing.name}' already exists in location '${existing.location}'; it cannot be moved to '${location}'.`);
    if (existing.sku !== skuName) throw conflict('PropertyChangeNotAllowed', "Changing property 'sku.name' is not allowed.");
    if (tags) existing.tags = tags;
    return networkWritten(ctx, existing, false, renderPublicIp(existing));
  }
  const ip: PublicIpAddress = {
    id, subscriptionId: params.subscriptionId, resourceGroup: params.resourceGroupName, name: params.publicIpAddressName, location,
    sku: skuName, allocation, ...(allocation === 'Static' ? { ipAddress: nextPublicAddress(ctx) } : {}), resourceGuid: randomUUID(), tags: tags ?? {},
  };
  state.store.publicIpAddresses.set(key(id), ip);
  return networkWritten(ctx, ip, true, renderPublicIp(ip));
}

/** An address in use by a NIC cannot be deleted (PublicIPAddressCannotBeDeleted, 400). */
function deletePublicIp(ctx: RequestContext): HandlerResult {
  const ip = ctx.state.store.publicIpAddresses.get(key(ipArmId(ctx)));
  if (!ip) return { status: 204 };
  if (ip.ipConfigurationId) {
    throw new ArmError(400, 'PublicIPAddressCannotBeDeleted', `Public IP address ${ip.id} can not be deleted since it is still allocated to resource ${ip.ipConfigurationId}. In order to delete the public IP, disassociate/detach the Public IP address from the resource.`);
  }
  ctx.state.store.publicIpAddresses.delete(key(ip.id));
  return networkDeleted(ctx, ip);
}

/** Gives a Dynamic address its IP when a NIC takes it, and drops it when the NIC lets go. */
export function associatePublicIp(ctx: RequestContext, ip: PublicIpAddress, ipConfigurationId: string | undefined): void {
  ip.ipConfigurationId = ipConfigurationId;
  if (ip.allocation === 'Dynamic') ip.ipAddress = ipConfigurationId ? ip.ipAddress ?? nextPublicAddress(ctx) : undefined;
}

export const publicIpAddressRoutes: ArmRoute[] = networkResourceRoutes({
  type: 'publicIPAddresses',
  family: 'publicIPAddresses',
  nameParam: 'publicIpAddressName',
  items: (ctx) => ctx.state.store.publicIpAddresses,
  render: (_ctx, ip) => renderPublicIp(ip),
  get: (ctx) => requireIn(ctx.state.store.publicIpAddresses, ipArmId(ctx), 'publicIPAddresses', ctx.params.publicIpAddressName, ctx.params.resourceGroupName),
  put: putPublicIp,
  delete: deletePublicIp,
}).routes;
