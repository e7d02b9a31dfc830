import type { NetworkInterface, PublicIPAddress, VirtualNetwork } from '@azure/arm-network';
import { sdkOptions, type LongRunningOptions } from './actions/longRunning';
import type { ClientFactory } from './clients';
import { idKey } from './ids';
import { allPages } from './paging';
import { idParts, networkClientOf, networkOperation, networkRead, type SubscriptionRef } from './subscriptionScope';

/** Every virtual network of the subscription (every page), with its subnets. */
export async function listVirtualNetworks(factory: ClientFactory, subscription: SubscriptionRef): Promise<VirtualNetwork[]> {
  const client = await networkClientOf(factory, subscription);
  return allPages(factory, subscription.subscriptionId, (o) => client.virtualNetworks.listAll(o));
}

/** The subscription's virtual networks in one region (ARM regions compare without case). */
export async function listVirtualNetworksIn(factory: ClientFactory, subscription: SubscriptionRef, location: string): Promise<VirtualNetwork[]> {
  return (await listVirtualNetworks(factory, subscription)).filter((n) => idKey(n.location ?? '') === idKey(location));
}

export interface NewVirtualNetwork {
  id: string;
  location: string;
  addressPrefix: string;
  subnetName: string;
  subnetPrefix: string;
  tags?: Record<string, string>;
}

/** Creates a virtual network with one subnet (PUT, long-running); returns the subnet's id. */
export async function createVirtualNetwork(factory: ClientFactory, subscription: SubscriptionRef, input: NewVirtualNetwork, options: LongRunningOptions = {}): Promise<string> {
  const { resourceGroup, name } = idParts(input.id);
  const body: VirtualNetwork = {
    location: input.location,
    tags: input.tags,
    addressSpace: { addressPrefixes: [input.addressPrefix] },
    subnets: [{ name: input.subnetName, addressPrefix: input.subnetPrefix }],
  };
  const network = await networkOperation(factory, subscription, (client) => client.virtualNetworks.createOrUpdate(resourceGroup, name, body, sdkOptions(options)), options);
  const subnet = network.subnets?.find((s) => s.name === input.subnetName)?.id;
  return subnet ?? `${input.id}/subnets/${input.subnetName}`;
}

export interface NewPublicIpAddress {
  id: string;
  location: string;
  tags?: Record<string, string>;
}

/** A Standard, static public IPv4 address (PUT, long-running): the SKU Azure requires of new ones since Basic's retirement. */
export async function createPublicIpAddress(factory: ClientFactory, subscription: SubscriptionRef, input: NewPublicIpAddress, options: LongRunningOptions = {}): Promise<PublicIPAddress> {
  const { resourceGroup, name } = idParts(input.id);
  const body: PublicIPAddress = { location: input.location, tags: input.tags, sku: { name: 'Standard' }, publicIPAllocationMethod: 'Static', publicIPAddressVersion: 'IPv4' };
  return networkOperation(factory, subscription, (client) => client.publicIPAddresses.createOrUpdate(resourceGroup, name, body, sdkOptions(options)), options);
}

export interface NewNetworkInterface {
  id: string;
  location: string;
  subnetId: string;
  publicIpAddressId?: string;
  tags?: Record<string, string>;
}

/** A network interface with one dynamic private IP in the subnet (PUT, long-running). */
export async function createNetworkInterface(factory: ClientFactory, subscription: SubscriptionRef, input: NewNetworkInterface, options: LongRunningOptions = {}): Promise<NetworkInterface> {
  const { resourceGroup, name } = idParts(input.id);
  const body: NetworkInterface = {
    location: input.location,
    tags: input.tags,
    ipConfigurations: [
      {
        name: 'ipconfig1',
        primary: true,
        privateIPAllocationMethod: 'Dynamic',
        subnet: { id: input.subnetId },
        ...(input.publicIpAddressId ? { publicIPAddress: { id: input.publicIpAddressId } } : {}),
      },
    ],
  };
  return networkOperation(factory, subscription, (client) => client.networkInterfaces.createOrUpdate(resourceGroup, name, body, sdkOptions(options)), options);
}

export function deleteNetworkInterface(factory: ClientFactory, subscription: SubscriptionRef, id: string, options: LongRunningOptions = {}): Promise<void> {
  const { resourceGroup, name } = idParts(id);
  return networkOperation(factory, subscription, (client) => client.networkInterfaces.delete(resourceGroup, name, sdkOptions(options)), options);
}

export function deletePublicIpAddress(factory: ClientFactory, subscription: SubscriptionRef, id: string, options: LongRunningOptions = {}): Promise<void> {
  const { resourceGroup, name } = idParts(id);
  return networkOperation(factory, subscription, (client) => client.publicIPAddresses.delete(resourceGroup, name, sdkOptions(options)), options);
}

export function deleteVirtualNetwork(factory: ClientFactory, subscription: SubscriptionRef, id: string, options: LongRunningOptions = {}): Promise<void> {
  const { resourceGroup, name } = idParts(id);
  return networkOperation(factory, subscription, (client) => client.virtualNetworks.delete(resourceGroup, name, sdkOptions(options)), options);
}

export function readVirtualNetwork(factory: ClientFactory, subscription: SubscriptionRef, id: string, options: { abortSignal?: AbortSignal } = {}): Promise<VirtualNetwork> {
  const { resourceGroup, name } = idParts(id);
  return networkRead(factory, subscription, (client) => client.virtualNetworks.get(resourceGroup, name, { abortSignal: options.abortSignal }));
}

export function readNetworkInterface(factory: ClientFactory, subscription: SubscriptionRef, id: string, options: { abortSignal?: AbortSignal } = {}): Promise<NetworkInterface> {
  const { resourceGroup, name } = idParts(id);
  return networkRead(factory, subscription, (client) => client.networkInterfaces.get(resourceGroup, name, { abortSignal: options.abortSignal }));
}

export function readPublicIpAddress(factory: ClientFactory, subscription: SubscriptionRef, id: string, options: { abortSignal?: AbortSignal } = {}): Promise<PublicIPAddress> {
  const { resourceGroup, name } = idParts(id);
  return networkRead(factory, subscription, (client) => client.publicIPAddresses.get(resourceGroup, name, { abortSignal: options.abortSignal }));
}

/** The network interfaces of a resource group: the names a new one there may not take. */
export async function listNetworkInterfacesIn(factory: ClientFactory, subscription: SubscriptionRef, resourceGroup: string): Promise<NetworkInterface[]> {
  const client = await networkClientOf(factory, subscription);
  return allPages(factory, subscription.subscriptionId, (o) => client.networkInterfaces.list(resourceGroup, o));
}

/** The virtual networks of a resource group: the names a new one there may not take. */
export async function listVirtualNetworksInGroup(factory: ClientFactory, subscription: SubscriptionRef, resourceGroup: string): Promise<VirtualNetwork[]> {
  const client = await networkClientOf(factory, subscription);
  return allPages(factory, subscription.subscriptionId, (o) => client.virtualNetworks.list(resourceGroup, o));
}

/** The public IP addresses of a resource group: the names a new one there may not take. */
export async function listPublicIpAddressesIn(factory: ClientFactory, subscription: SubscriptionRef, resourceGroup: string): Promise<PublicIPAddress[]> {
  const client = await networkClientOf(factory, subscription);
  return allPages(factory, subscription.subscriptionId, (o) => client.publicIPAddresses.list(resourceGroup, o));
}
