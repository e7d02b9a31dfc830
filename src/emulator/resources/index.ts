import type { ArmRoute } from '../http/context';
import { diskAccessRoutes } from './diskAccess';
import { diskRestorePointRoutes } from './diskRestorePoints';
import { diskRoutes } from './disks';
import { operationRoutes } from './operations';
import { resourceGroupRoutes } from './resourceGroups';
import { restorePointCollectionRoutes } from './restorePointCollections';
import { restorePointRoutes } from './restorePoints';
import { subscriptionRoutes } from './subscriptions';
import { virtualMachineRoutes } from './virtualMachines';

export const allRoutes: readonly ArmRoute[] = [
  ...subscriptionRoutes,
  ...resourceGroupRoutes,
  ...virtualMachineRoutes,
  ...diskRoutes,
  ...restorePointCollectionRoutes,
  ...restorePointRoutes,
  ...diskRestorePointRoutes,
  ...diskAccessRoutes,
  ...operationRoutes,
];
