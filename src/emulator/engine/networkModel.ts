/** Microsoft.Network records: virtual networks with their subnets, network interfaces and public IPs. */

export interface Subnet {
  name: string;
  addressPrefix: string;
}

export interface VirtualNetwork {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  addressPrefixes: string[];
  subnets: Subnet[];
  resourceGuid: string;
  tags: Record<string, string>;
}

export interface NicIpConfiguration {
  name: string;
  subnetId: string;
  privateIPAddress: string;
  allocation: 'Dynamic' | 'Static';
  publicIPAddressId?: string;
  primary: boolean;
}

export interface NetworkInterface {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  ipConfigurations: NicIpConfiguration[];
  macAddress: string;
  /** The VM using the NIC; set while a VM references it, and it then cannot be deleted. */
  virtualMachineId?: string;
  resourceGuid: string;
  tags: Record<string, string>;
}

export interface PublicIpAddress {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  sku: 'Basic' | 'Standard';
  allocation: 'Dynamic' | 'Static';
  ipAddress?: string;
  /** The NIC ip configuration that uses it. */
  ipConfigurationId?: string;
  resourceGuid: string;
  tags: Record<string, string>;
}
