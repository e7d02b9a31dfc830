import { ArmError } from './errors';

/**
 * Stable api-versions ARM accepts per resource type. Restore points exist since 2021-03-01
 * (Compute) and disk restore points since 2020-12-01 (DiskRP); @azure/arm-compute 25.x sends
 * 2026-04-01 (Compute) and 2026-03-02 (DiskRP). Every accepted version is answered in the newest shape.
 */
const COMPUTE = [
  '2015-06-15', '2016-03-30', '2016-04-30-preview', '2017-03-30', '2017-12-01', '2018-04-01', '2018-06-01', '2018-10-01',
  '2019-03-01', '2019-07-01', '2019-12-01', '2020-06-01', '2020-12-01', '2021-03-01', '2021-04-01', '2021-07-01',
  '2021-11-01', '2022-03-01', '2022-08-01', '2022-11-01', '2023-03-01', '2023-07-01', '2023-09-01', '2024-03-01',
  '2024-07-01', '2024-11-01', '2025-04-01', '2025-11-01', '2026-04-01',
].filter((v) => !v.endsWith('-preview'));

const DISK = [
  '2017-03-30', '2018-04-01', '2018-06-01', '2018-09-30', '2019-03-01', '2019-07-01', '2019-11-01', '2020-05-01',
  '2020-06-30', '2020-09-30', '2020-12-01', '2021-04-01', '2021-08-01', '2021-12-01', '2022-03-02', '2022-07-02',
  '2023-01-02', '2023-04-02', '2023-10-02', '2024-03-02', '2025-01-02', '2026-03-02',
];

const SUBSCRIPTIONS = ['2014-04-01', '2015-11-01', '2016-06-01', '2018-06-01', '2019-06-01', '2019-11-01', '2020-01-01', '2021-01-01', '2022-12-01'];

const RESOURCES = [
  '2014-04-01', '2015-11-01', '2016-02-01', '2016-07-01', '2016-09-01', '2017-05-10', '2018-02-01', '2018-05-01',
  '2019-03-01', '2019-05-01', '2019-05-10', '2019-07-01', '2019-08-01', '2019-10-01', '2020-06-01', '2020-08-01',
  '2020-10-01', '2021-01-01', '2021-04-01', '2022-09-01', '2023-07-01', '2024-03-01', '2024-07-01', '2024-11-01',
  '2025-03-01', '2025-04-01',
];

/** Microsoft.Network: @azure/arm-network 39.x sends 2026-01-01; the vendored specs are 2024-05-01. */
const NETWORK = [
  '2018-10-01', '2019-02-01', '2019-04-01', '2019-06-01', '2019-09-01', '2019-11-01', '2020-03-01', '2020-05-01',
  '2020-06-01', '2020-07-01', '2020-08-01', '2020-11-01', '2021-02-01', '2021-03-01', '2021-05-01', '2021-08-01',
  '2022-01-01', '2022-05-01', '2022-07-01', '2022-09-01', '2022-11-01', '2023-02-01', '2023-04-01', '2023-05-01',
  '2023-06-01', '2023-09-01', '2023-11-01', '2024-01-01', '2024-03-01', '2024-05-01', '2024-07-01', '2024-10-01',
  '2025-01-01', '2025-03-01', '2025-05-01', '2026-01-01',
];

export interface ResourceTypeVersions {
  /** `Microsoft.Compute/restorePointCollections` etc., as ARM names it in errors. */
  type: string;
  namespace: 'Microsoft.Compute' | 'Microsoft.Resources' | 'Microsoft.Network';
  versions: readonly string[];
}

const from = (list: string[], min: string): string[] => list.filter((v) => v >= min);

export const API_VERSIONS = {
  virtualMachines: { type: 'virtualMachines', namespace: 'Microsoft.Compute', versions: COMPUTE },
  restorePointCollections: { type: 'restorePointCollections', namespace: 'Microsoft.Compute', versions: from(COMPUTE, '2021-03-01') },
  restorePoints: { type: 'restorePointCollections/restorePoints', namespace: 'Microsoft.Compute', versions: from(COMPUTE, '2021-03-01') },
  operations: { type: 'locations/operations', namespace: 'Microsoft.Compute', versions: [...new Set([...COMPUTE, ...DISK])].sort() },
  disks: { type: 'disks', namespace: 'Microsoft.Compute', versions: DISK },
  diskRestorePoints: { type: 'restorePointCollections/restorePoints/diskRestorePoints', namespace: 'Microsoft.Compute', versions: from(DISK, '2020-12-01') },
  virtualNetworks: { type: 'virtualNetworks', namespace: 'Microsoft.Network', versions: NETWORK },
  subnets: { type: 'virtualNetworks/subnets', namespace: 'Microsoft.Network', versions: NETWORK },
  networkInterfaces: { type: 'networkInterfaces', namespace: 'Microsoft.Network', versions: NETWORK },
  publicIPAddresses: { type: 'publicIPAddresses', namespace: 'Microsoft.Network', versions: NETWORK },
  networkOperations: { type: 'locations/operations', namespace: 'Microsoft.Network', versions: NETWORK },
  subscriptions: { type: 'subscriptions', namespace: 'Microsoft.Resources', versions: SUBSCRIPTIONS },
  tenants: { type: 'tenants', namespace: 'Microsoft.Resources', versions: SUBSCRIPTIONS },
  resourceGroups: { type: 'resourceGroups', namespace: 'Microsoft.Resources', versions: RESOURCES },
} satisfies Record<string, ResourceTypeVersions>;

export type ApiFamily = keyof typeof API_VERSIONS;

/** Returns the api-version or throws the error ARM gives for a missing or unsupported one. */
export function checkApiVersion(family: ApiFamily, value: string | null, location = 'westus'): string {
  if (value === null || value === '') {
    throw new ArmError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
  }
  const spec: ResourceTypeVersions = API_VERSIONS[family];
  if (spec.versions.includes(value)) return value;
  const supported = spec.versions.join(', ');
  if (spec.namespace === 'Microsoft.Resources') {
    throw new ArmError(400, 'InvalidApiVersionParameter', `The api-version '${value}' is invalid. The supported versions are '${supported}'.`);
  }
  throw new ArmError(
    400,
    'NoRegisteredProviderFound',
    `No registered resource provider found for location '${location}' and API version '${value}' for type '${spec.type}'. The supported api-versions are '${supported}'.`,
  );
}
