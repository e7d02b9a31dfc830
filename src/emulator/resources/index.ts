import type { ArmRoute } from '../http/context';
import { diskAccessRoutes } from './diskAccess';
import { diskRestorePointRoutes } from './diskRestorePoints';
import { diskRoutes } from './disks';
import { diskUpdateRoutes } from './diskUpdate';
import { networkInterfaceRoutes } from './networkInterfaces';
import { operationRoutes } from './operations';
import { publicIpAddressRoutes } from './publicIpAddresses';
import { resourceGraphRoutes } from './resourceGraph';
import { resourceGroupRoutes } from './resourceGroups';
import { restorePointCollectionRoutes } from './restorePointCollections';
import { restorePointRoutes } from './restorePoints';
import { subscriptionRoutes } from './subscriptions';
import { virtualMachineRoutes } from './virtualMachines';
import { virtualNetworkRoutes } from './virtualNetworks';
import { vmPowerRoutes } from './vmPower';
import { vmSizeRoutes } from './vmSizes';
import { vmWriteRoutes } from './vmWrite';

export const allRoutes: readonly ArmRoute[] = [
  ...subscriptionRoutes,
  ...resourceGroupRoutes,
  ...virtualMachineRoutes,
  ...vmPowerRoutes,
  ...vmWriteRoutes,
  ...vmSizeRoutes,
  ...diskRoutes,
  ...diskUpdateRoutes,
  ...restorePointCollectionRoutes,
  ...restorePointRoutes,
  ...diskRestorePointRoutes,
  ...virtualNetworkRoutes,
  ...networkInterfaceRoutes,
  ...publicIpAddressRoutes,
  ...diskAccessRoutes,
  ...operationRoutes,
  ...resourceGraphRoutes,
];
