import { randomBytes, randomUUID } from 'node:crypto';
import type { ArmRoute, HandlerResult, RequestContext } from '../http/context';
import { ArmError, conflict, invalidParameter } from '../http/errors';
import type { Body } from '../http/validation';
import { formatIp, includesIp, parseCidr, parseIp, usableAddresses } from '../engine/cidr';
import { key, networkId } from '../engine/ids';
import type { NetworkInterface, NicIpConfiguration, PublicIpAddress } from '../engine/networkModel';
import { checkNetworkName, invalidReference, locatedBody, networkDeleted, networkResourceRoutes, networkWritten, newEtag, requireIn } from './networkCommon';
import { associatePublicIp } from './publicIpAddresses';
import { findSubnet, subnetUsers } from './virtualNetworks';

const TYPE = 'Microsoft.Network/networkInterfaces';

const ipConfigurationId = (nic: { id: string }, name: string): string => `${nic.id}/ipConfigurations/${name}`;

export function renderNetworkInterface(nic: NetworkInterface): Record<string, unknown> {
  return {
    id: nic.id,
    name: nic.name,
    type: TYPE,
    location: nic.location,
    tags: nic.tags,
    etag: newEtag(),
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: nic.resourceGuid,
      ipConfigurations: nic.ipConfigurations.map((c) => ({
        id: ipConfigurationId(nic, c.name),
        name: c.name,
        etag: newEtag(),
        type: `${TYPE}/ipConfigurations`,
        properties: {
          provisioningState: 'Succeeded',
          privateIPAddress: c.privateIPAddress,
          privateIPAllocationMethod: c.allocation,
          privateIPAddressVersion: 'IPv4',
          subnet: { id: c.subnetId },
          primary: c.primary,
          ...(c.publicIPAddressId ? { publicIPAddress: { id: c.publicIPAddressId } } : {}),
        },
      })),
      dnsSettings: { dnsServers: [], appliedDnsServers: [] },
      macAddress: nic.macAddress,
      enableAcceleratedNetworking: false,
      enableIPForwarding: false,
      ...(nic.virtualMachineId ? { primary: true, virtualMachine: { id: nic.virtualMachineId } } : {}),
      nicType: 'Standard',
    },
  };
}

interface RequestedIpConfiguration {
  name: string;
  subnetId: string;
  allocation: 'Dynamic' | 'Static';
  privateIPAddress?: string;
  publicIPAddressId?: string;
  primary?: boolean;
}

function ipConfigurationOf(body: Body, i: number): RequestedIpConfiguration {
  const target = `properties.ipConfigurations[${i}]`;
  const name = body.string('name') ?? `ipconfig${i + 1}`;
  const props = body.object('properties');
  const subnetId = props?.object('subnet')?.string('id');
  if (!subnetId) throw invalidParameter(`Required parameter 'ipConfigurations[${i}].properties.subnet.id' is missing (null).`, `${target}.properties.subnet.id`);
  const method = props?.string('privateIPAllocationMethod');
  if (method !== undefined && method !== 'Dynamic' && method !== 'Static') throw invalidParameter(`privateIPAllocationMethod '${method}' is not valid; use Dynamic or Static.`, `${target}.properties.privateIPAllocationMethod`);
  const privateIPAddress = props?.string('privateIPAddress');
  return { name, subnetId, allocation: method ?? (privateIPAddress ? 'Static' : 'Dynamic'), privateIPAddress, publicIPAddressId: props?.object('publicIPAddress')?.string('id'), primary: props?.boolean('primary') };
}

/** Addresses in use in a subnet, not counting the NIC being written (its configurations are replaced). */
function usedAddresses(ctx: RequestContext, subnetId: string, nicId: string): Set<number> {
  return new Set(subnetUsers(ctx.state.store, subnetId).filter((u) => key(u.nic.id) !== key(nicId))
    .flatMap((u) => u.nic.ipConfigurations.filter((c) => key(c.subnetId) === key(subnetId)).map((c) => parseIp(c.privateIPAddress)!)));
}

/**
 * The private address: a Static one must lie in the subnet's usable range and be free
 * (PrivateIPAddressNotInSubnet, PrivateIPAddressIsReserved: our choice, PrivateIPAddressInUse); a Dynamic
 * one is the lowest free address (the one the NIC already has is kept), or SubnetIsFull.
 */
function allocate(ctx: RequestContext, req: RequestedIpConfiguration, prefix: string, nicId: string, taken: Set<number>, previous?: NicIpConfiguration): string {
  const range = parseCidr(prefix)!;
  const { first, last } = usableAddresses(range);
  const used = usedAddresses(ctx, req.subnetId, nicId);
  if (req.allocation === 'Static' && req.privateIPAddress) {
    const ip = parseIp(req.privateIPAddress);
    if (ip === undefined || !includesIp(range, ip)) throw new ArmError(400, 'PrivateIPAddressNotInSubnet', `Private static IP address ${req.privateIPAddress} does not belong to the range of subnet prefix ${prefix}.`);
    if (ip < first || ip > last) throw new ArmError(400, 'PrivateIPAddressIsReserved', `IP address ${req.privateIPAddress} is reserved for Azure in subnet ${prefix}; usable addresses are ${formatIp(first)} to ${formatIp(last)}.`);
    if (used.has(ip) || taken.has(ip)) throw new ArmError(400, 'PrivateIPAddressInUse', `IP configuration ${ipConfigurationId({ id: nicId }, req.name)} is using the private IP address ${req.privateIPAddress} which is already allocated to another resource.`);
    return req.privateIPAddress;
  }
  const kept = previous && key(previous.subnetId) === key(req.subnetId) ? parseIp(previous.privateIPAddress) : undefined;
  if (kept !== undefined && !taken.has(kept)) return formatIp(kept);
  for (let ip = first; ip <= last; ip++) if (!used.has(ip) && !taken.has(ip)) return formatIp(ip);
  throw new ArmError(400, 'SubnetIsFull', `Subnet with prefix ${prefix} has no free private IP address left.`);
}

function nicArmId(ctx: RequestContext): string {
  return networkId(ctx.params.subscriptionId, ctx.params.resourceGroupName, 'networkInterfaces', ctx.params.networkInterfaceName);
}

function checkPublicIp(ctx: RequestContext, id: string, nicId: string, location: string, configId: string): PublicIpAddress {
  const ip = ctx.state.store.publicIpAddresses.get(key(id));
  if (!ip || ip.location !== location) throw invalidReference(id, nicId);
  // The address belongs to one ip configuration at a time; code our choice.
  if (ip.ipConfigurationId && key(ip.ipConfigurationId) !== key(configId)) {
    throw new ArmError(400, 'PublicIPAddressInUse', `Public IP address ${ip.id} is already used by ${ip.ipConfigurationId}.`);
  }
  return ip;
}

/** NetworkInterfaces_CreateOrUpdate: the subnet must exist in the NIC's region (InvalidResourceReference). */
function putNetworkInterface(ctx: RequestContext): HandlerResult {
  const { params, state } = ctx;
  checkNetworkName(params.networkInterfaceName, 'networkInterfaceName');
  const { body, location, tags } = locatedBody(ctx, 'networkInterfaces');
  const requested = (body.object('properties')?.array('ipConfigurations') ?? []).map(ipConfigurationOf);
  if (requested.length === 0) throw invalidParameter('A network interface needs at least one ip configuration.', 'properties.ipConfigurations');
  const id = nicArmId(ctx);
  const existing = state.store.networkInterfaces.get(key(id));
  if (existing && existing.location !== location) throw conflict('InvalidResourceLocation', `The resource '${existing.name}' already exists in location '${existing.location}'; it cannot be moved to '${location}'.`);

  const taken = new Set<number>();
  const publicIps = new Map<string, PublicIpAddress>();
  const configurations: NicIpConfiguration[] = requested.map((req, i) => {
    const found = findSubnet(state.store, req.subnetId);
    if (!found || found.vnet.location !== location) throw invalidReference(req.subnetId, id);
    const previous = existing?.ipConfigurations.find((c) => c.name.toLowerCase() === req.name.toLowerCase());
    const address = allocate(ctx, req, found.subnet.addressPrefix, id, taken, previous);
    taken.add(parseIp(address)!);
    const subnetId = `${found.vnet.id}/subnets/${found.subnet.name}`;
    if (req.publicIPAddressId) publicIps.set(req.name, checkPublicIp(ctx, req.publicIPAddressId, id, location, ipConfigurationId({ id }, req.name)));
    return { name: req.name, subnetId, privateIPAddress: address, allocation: req.allocation, publicIPAddressId: publicIps.get(req.name)?.id, primary: req.primary ?? i === 0 };
  });

  // Checked: now release what the NIC no longer uses and take what it does.
  for (const ip of state.store.publicIpAddresses.values()) {
    if (ip.ipConfigurationId?.toLowerCase().startsWith(`${key(id)}/ipconfigurations/`)) associatePublicIp(ctx, ip, undefined);
  }
  for (const [name, ip] of publicIps) associatePublicIp(ctx, ip, ipConfigurationId({ id }, name));
  if (existing) {
    existing.ipConfigurations = configurations;
    if (tags) existing.tags = tags;
    return networkWritten(ctx, existing, false, renderNetworkInterface(existing));
  }
  const mac = randomBytes(3).toString('hex').toUpperCase().match(/../g)!.join('-');
  const nic: NetworkInterface = {
    id, subscriptionId: params.subscriptionId, resourceGroup: params.resourceGroupName, name: params.networkInterfaceName, location,
    ipConfigurations: configurations, macAddress: `00-0D-3A-${mac}`, resourceGuid: randomUUID(), tags: tags ?? {},
  };
  state.store.networkInterfaces.set(key(id), nic);
  return networkWritten(ctx, nic, true, renderNetworkInterface(nic));
}

/** A NIC a VM uses cannot be deleted: NicInUse (400), as NRP answers. */
function deleteNetworkInterface(ctx: RequestContext): HandlerResult {
  const nic = ctx.state.store.networkInterfaces.get(key(nicArmId(ctx)));
  if (!nic) return { status: 204 };
  if (nic.virtualMachineId) {
    throw new ArmError(400, 'NicInUse', `Network Interface ${nic.id} is used by existing resource ${nic.virtualMachineId}. In order to delete the network interface, it must be dissociated from the resource. To learn more, see aka.ms/deletenic.`);
  }
  for (const ip of ctx.state.store.publicIpAddresses.values()) {
    if (ip.ipConfigurationId?.toLowerCase().startsWith(`${key(nic.id)}/ipconfigurations/`)) associatePublicIp(ctx, ip, undefined);
  }
  ctx.state.store.networkInterfaces.delete(key(nic.id));
  return networkDeleted(ctx, nic);
}

export const networkInterfaceRoutes: ArmRoute[] = networkResourceRoutes({
  type: 'networkInterfaces',
  family: 'networkInterfaces',
  nameParam: 'networkInterfaceName',
  items: (ctx) => ctx.state.store.networkInterfaces,
  render: (_ctx, nic) => renderNetworkInterface(nic),
  get: (ctx) => requireIn(ctx.state.store.networkInterfaces, nicArmId(ctx), 'networkInterfaces', ctx.params.networkInterfaceName, ctx.params.resourceGroupName),
  put: putNetworkInterface,
  delete: deleteNetworkInterface,
}).routes;
