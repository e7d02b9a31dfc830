import type { ResourceManagementClient } from '@azure/arm-resources';

export interface ResourceGroupSummary {
  name: string;
  location: string;
}

/** The subscription's resource groups by name (every page), for a picker. */
export async function listResourceGroups(client: ResourceManagementClient): Promise<ResourceGroupSummary[]> {
  const groups: ResourceGroupSummary[] = [];
  for await (const rg of client.resourceGroups.list()) {
    if (rg.name) groups.push({ name: rg.name, location: rg.location });
  }
  return groups.sort((a, b) => a.name.localeCompare(b.name));
}
