import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { withTrailingSlash, type CloudConfig } from '../cloud';
import { azureSdk } from '../lazySdk';
import { userSovereignCloud, type AzureEnv } from './sovereignCloud';

export const CA_FILE_SETTING = 'customCloud.certificateAuthorityFile';

const SOVEREIGN_CLOUD_SECTION = 'microsoft-sovereign-cloud';

/**
 * The cloud from the standard `microsoft-sovereign-cloud.*` settings (the same ones VS Code's
 * Microsoft account provider and Microsoft's Azure extensions read), plus our CA file setting for
 * clouds behind a private certificate authority (Azure Stack Hub, the local emulator).
 */
export function configuredCloud(): CloudConfig {
  const env = sovereignCloudEnv();
  // Restricted (package.json) and machine-scoped: VS Code itself never gives us a workspace's value.
  const caFile = vscode.workspace.getConfiguration('restorePoints').get<string>(CA_FILE_SETTING)?.trim();
  const arm = withTrailingSlash(env.resourceManagerEndpointUrl);
  return {
    name: env.name,
    resourceManagerEndpoint: arm,
    authorityHost: withTrailingSlash(env.activeDirectoryEndpointUrl),
    audience: withTrailingSlash(env.activeDirectoryResourceId || env.managementEndpointUrl || arm),
    portalUrl: env.portalUrl,
    isCustomCloud: env.isCustomCloud,
    ...(caFile ? { extraCertificates: [fs.readFileSync(caFile, 'utf8')] } : {}),
  };
}

/**
 * The `microsoft-sovereign-cloud.*` settings belong to VS Code's Microsoft authentication
 * extension, which declares no restricted settings, so VS Code hands out a workspace's values even
 * in Restricted Mode. They decide where our requests and tokens go: a cloned repository's
 * `.vscode/settings.json` could send them to its own endpoint. Until the workspace is trusted, only
 * the user's and the default values count; trusting it rebuilds the sign-in (AzureTree).
 */
function sovereignCloudEnv(): AzureEnv {
  if (vscode.workspace.isTrusted) return azureSdk().getConfiguredAzureEnv();
  const settings = vscode.workspace.getConfiguration(SOVEREIGN_CLOUD_SECTION);
  const env = userSovereignCloud(settings.inspect<string>('environment'), settings.inspect('customEnvironment'));
  if (env === 'customEnvironmentMissing') {
    throw new Error(vscode.l10n.t('The custom cloud is not configured: set `{0}` in your user settings (a workspace\'s value counts only once you trust the workspace).', `${SOVEREIGN_CLOUD_SECTION}.customEnvironment`));
  }
  return env;
}
