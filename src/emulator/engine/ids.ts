/** ARM resource ids. Lookups use lower-cased ids because ARM ids are case-insensitive. */

export const key = (id: string): string => id.toLowerCase();

export const subscriptionId = (sub: string): string => `/subscriptions/${sub}`;

export const resourceGroupId = (sub: string, rg: string): string => `/subscriptions/${sub}/resourceGroups/${rg}`;

export const computeId = (sub: string, rg: string, type: string, name: string): string =>
  `${resourceGroupId(sub, rg)}/providers/Microsoft.Compute/${type}/${name}`;

export const networkId = (sub: string, rg: string, type: string, name: string): string =>
  `${resourceGroupId(sub, rg)}/providers/Microsoft.Network/${type}/${name}`;

export const restorePointId = (collectionId: string, name: string): string => `${collectionId}/restorePoints/${name}`;

export const diskRestorePointId = (restorePointArmId: string, name: string): string => `${restorePointArmId}/diskRestorePoints/${name}`;

export interface ParsedId {
  subscriptionId: string;
  resourceGroup: string;
  type: string;
  name: string;
  /** Child segments after the top-level resource, e.g. ['restorePoints', 'rp1']. */
  children: string[];
}

/** Parses `/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Compute/{type}/{name}[/...]`. */
export function parseComputeId(id: string): ParsedId | undefined {
  const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/([^/]+)\/([^/]+)((?:\/[^/]+\/[^/]+)*)\/?$/i.exec(id);
  if (!m) return undefined;
  return { subscriptionId: m[1], resourceGroup: m[2], type: m[3], name: m[4], children: m[5].split('/').filter(Boolean) };
}
