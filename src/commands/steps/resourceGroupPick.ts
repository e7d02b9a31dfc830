import { listResourceGroups, type ResourceGroupSummary } from '../../azure/resourceGroups';
import type { Answer, Prompter } from '../wizard/prompter';
import { readOnce, type TargetContext } from './targets';

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Picks an existing resource group of the target's subscription, as the portal's "Resource group"
 * dropdown does: ARM creates nothing in a group that does not exist, so there is nothing to type
 * wrong. The list loads while the picker shows busy; the `preferred` group comes first, highlighted.
 */
export function pickResourceGroup(ctx: TargetContext, prompter: Prompter, options: { placeholder: string; preferred: (groups: readonly ResourceGroupSummary[]) => string | undefined }): Promise<Answer<string>> {
  let defaultName: string | undefined;
  const items = readOnce(ctx, 'resourceGroups', listResourceGroups).then((groups) => {
    const preferred = options.preferred(groups);
    defaultName = preferred;
    const first = preferred ? groups.filter((g) => same(g.name, preferred)) : [];
    return [...first, ...groups.filter((g) => !first.includes(g))].map((g) => ({
      label: g.name,
      description: g.location,
      value: g.name,
    }));
  });
  return prompter.pickOne({ placeholder: options.placeholder, items, isDefault: (name) => !!defaultName && same(name, defaultName) });
}
