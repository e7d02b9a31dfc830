import { Environment, type EnvironmentParameters } from '@azure/ms-rest-azure-env';

/** What `WorkspaceConfiguration.inspect()` reports for one setting. */
export interface InspectedSetting<T> {
  readonly defaultValue?: T;
  readonly globalValue?: T;
  readonly workspaceValue?: T;
  readonly workspaceFolderValue?: T;
}

/** The cloud as @microsoft/vscode-azext-azureauth's `getConfiguredAzureEnv()` describes it. */
export type AzureEnv = Environment & { readonly isCustomCloud: boolean };

/**
 * The cloud from the user's (or the default) `microsoft-sovereign-cloud.environment` and
 * `.customEnvironment` values only, mapped as getConfiguredAzureEnv() maps them. Used in an
 * untrusted workspace, where the workspace's values of these settings must not count (see
 * cloudSettings.ts); undefined `customEnvironment` with `custom` is a configuration error.
 */
export function userSovereignCloud(environment: InspectedSetting<string> | undefined, customEnvironment: InspectedSetting<EnvironmentParameters> | undefined): AzureEnv | 'customEnvironmentMissing' {
  const name = environment?.globalValue ?? environment?.defaultValue;
  if (name === 'ChinaCloud') return { ...Environment.ChinaCloud, isCustomCloud: false } as AzureEnv;
  if (name === 'USGovernment') return { ...Environment.USGovernment, isCustomCloud: false } as AzureEnv;
  if (name === 'custom') {
    const custom = customEnvironment?.globalValue ?? customEnvironment?.defaultValue;
    return custom ? { ...new Environment(custom), isCustomCloud: true } : 'customEnvironmentMissing';
  }
  return { ...Environment.get(Environment.AzureCloud.name), isCustomCloud: false };
}
