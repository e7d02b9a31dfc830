/** The parts of an ARM resource id the tree needs. */
export interface ParsedResourceId {
  subscriptionId: string;
  resourceGroup: string;
  provider: string;
  type: string;
  name: string;
  /** Child type/name pairs after the top-level resource, e.g. ['restorePoints', 'rp-1']. */
  children: string[];
}

export function parseResourceId(id: string): ParsedResourceId | undefined {
  const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+)\/([^/]+)\/([^/]+)((?:\/[^/]+\/[^/]+)*)\/?$/i.exec(id);
  if (!m) return undefined;
  return { subscriptionId: m[1], resourceGroup: m[2], provider: m[3], type: m[4], name: m[5], children: m[6] ? m[6].slice(1).split('/') : [] };
}

/** The resource's type below its provider, child types included, lower case: `restorepointcollections/restorepoints`. */
export function resourceTypePath(parsed: ParsedResourceId): string {
  return [parsed.type, ...parsed.children.filter((_, i) => i % 2 === 0)].join('/').toLowerCase();
}

/** ARM ids are case-insensitive; this is the key to compare or index them by. */
export function idKey(id: string): string {
  return id.toLowerCase().replace(/\/+$/, '');
}

export function lastSegment(id: string): string {
  const trimmed = id.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** The collection a restore point belongs to: its id without the last `/restorePoints/<name>`. */
export function collectionIdOf(restorePointId: string): string {
  return restorePointId.replace(/\/restorePoints\/[^/]+\/?$/i, '');
}
