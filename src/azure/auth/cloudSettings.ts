import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { withTrailingSlash, type CloudConfig } from '../cloud';
import { azureSdk } from '../lazySdk';

export const CA_FILE_SETTING = 'customCloud.certificateAuthorityFile';

/**
 * The cloud from the standard `microsoft-sovereign-cloud.*` settings (the same ones VS Code's
 * Microsoft account provider and Microsoft's Azure extensions read), plus our CA file setting for
 * clouds behind a private certificate authority (Azure Stack Hub, the local emulator).
 */
export function configuredCloud(): CloudConfig {
  const env = azureSdk().getConfiguredAzureEnv();
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
