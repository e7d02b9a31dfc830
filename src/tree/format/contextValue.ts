/**
 * Context values are `;`-separated tokens, a kind first, then flags and `key:value` pairs, so that
 * `when` clauses match with regexes such as `viewItem =~ /^restorePoint;.*\bstate:succeeded\b/`.
 */
export function contextValue(kind: string, ...tokens: (string | false | undefined)[]): string {
  return [kind, ...tokens.filter((x): x is string => !!x)].join(';');
}

/** Every node that is an ARM resource carries it; Refresh, View Properties, Copy Resource ID and Open in Portal attach to it. */
export const AZURE_RESOURCE = 'azureResource';

/** A codicon id and, when the color carries meaning, a theme color id. */
export interface IconSpecLike {
  id: string;
  color?: string;
}
