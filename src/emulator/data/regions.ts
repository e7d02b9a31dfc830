/** The regions the emulator knows, with the metadata region pickers show. */
export interface Region {
  name: string;
  displayName: string;
  geography: string;
  geographyGroup: string;
  physicalLocation: string;
  latitude: string;
  longitude: string;
  pairedRegion: string;
}

export const REGIONS: readonly Region[] = [
  { name: 'eastus', displayName: 'East US', geography: 'United States', geographyGroup: 'US', physicalLocation: 'Virginia', latitude: '37.3719', longitude: '-79.8164', pairedRegion: 'westus' },
  { name: 'eastus2', displayName: 'East US 2', geography: 'United States', geographyGroup: 'US', physicalLocation: 'Virginia', latitude: '36.6681', longitude: '-78.3889', pairedRegion: 'centralus' },
  { name: 'westus', displayName: 'West US', geography: 'United States', geographyGroup: 'US', physicalLocation: 'California', latitude: '37.783', longitude: '-122.417', pairedRegion: 'eastus' },
  { name: 'westus2', displayName: 'West US 2', geography: 'United States', geographyGroup: 'US', physicalLocation: 'Washington', latitude: '47.233', longitude: '-119.852', pairedRegion: 'westcentralus' },
  { name: 'westcentralus', displayName: 'West Central US', geography: 'United States', geographyGroup: 'US', physicalLocation: 'Wyoming', latitude: '40.890', longitude: '-110.234', pairedRegion: 'westus2' },
  { name: 'centralus', displayName: 'Central US', geography: 'United States', geographyGroup: 'US', physicalLocation: 'Iowa', latitude: '41.5908', longitude: '-93.6208', pairedRegion: 'eastus2' },
  { name: 'northeurope', displayName: 'North Europe', geography: 'Europe', geographyGroup: 'Europe', physicalLocation: 'Ireland', latitude: '53.3478', longitude: '-6.2597', pairedRegion: 'westeurope' },
  { name: 'westeurope', displayName: 'West Europe', geography: 'Europe', geographyGroup: 'Europe', physicalLocation: 'Netherlands', latitude: '52.3667', longitude: '4.9', pairedRegion: 'northeurope' },
  { name: 'uksouth', displayName: 'UK South', geography: 'United Kingdom', geographyGroup: 'Europe', physicalLocation: 'London', latitude: '50.941', longitude: '-0.799', pairedRegion: 'ukwest' },
  { name: 'ukwest', displayName: 'UK West', geography: 'United Kingdom', geographyGroup: 'Europe', physicalLocation: 'Cardiff', latitude: '53.427', longitude: '-3.084', pairedRegion: 'uksouth' },
  { name: 'japaneast', displayName: 'Japan East', geography: 'Japan', geographyGroup: 'Asia Pacific', physicalLocation: 'Tokyo, Saitama', latitude: '35.68', longitude: '139.77', pairedRegion: 'japanwest' },
  { name: 'japanwest', displayName: 'Japan West', geography: 'Japan', geographyGroup: 'Asia Pacific', physicalLocation: 'Osaka', latitude: '34.6939', longitude: '135.5022', pairedRegion: 'japaneast' },
  { name: 'australiaeast', displayName: 'Australia East', geography: 'Australia', geographyGroup: 'Asia Pacific', physicalLocation: 'New South Wales', latitude: '-33.86', longitude: '151.2094', pairedRegion: 'australiasoutheast' },
  { name: 'australiasoutheast', displayName: 'Australia Southeast', geography: 'Australia', geographyGroup: 'Asia Pacific', physicalLocation: 'Victoria', latitude: '-37.8136', longitude: '144.9631', pairedRegion: 'australiaeast' },
];

export function findRegion(name: string): Region | undefined {
  const wanted = name.toLowerCase().replace(/\s+/g, '');
  return REGIONS.find((r) => r.name === wanted);
}
