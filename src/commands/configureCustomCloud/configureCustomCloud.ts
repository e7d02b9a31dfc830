import * as vscode from 'vscode';
import { CA_FILE_SETTING } from '../../azure/auth/cloudSettings';
import type { DiscoveredCloud } from '../../azure/cloudMetadata';
import type { CommandContext } from '../commandContext';
import { runWizard } from '../wizard/wizard';
import { caFileStep, endpointStep, readAndConfirmStep, type CustomCloudContext } from './steps';

const SOVEREIGN_CLOUD = 'microsoft-sovereign-cloud';

/** `microsoft-sovereign-cloud.customEnvironment` as VS Code's Microsoft authentication reads it: all six fields are required. */
export function customEnvironmentOf(cloud: DiscoveredCloud): Record<string, string> {
  return {
    name: cloud.name,
    // The setting needs a portal; a cloud that names none opens its ARM endpoint instead.
    portalUrl: cloud.portalUrl ?? cloud.resourceManagerEndpoint,
    managementEndpointUrl: cloud.audience,
    resourceManagerEndpointUrl: cloud.resourceManagerEndpoint,
    activeDirectoryEndpointUrl: cloud.loginEndpoint,
    activeDirectoryResourceId: cloud.audience,
  };
}

/**
 * Writes the user settings. The CA file goes first: each write makes the extension sign in again,
 * and the cloud must not be tried without the certificates it needs.
 */
async function execute(ctx: CustomCloudContext): Promise<DiscoveredCloud> {
  const cloud = ctx.cloud!;
  const global = vscode.ConfigurationTarget.Global;
  if (ctx.caFile) await vscode.workspace.getConfiguration('restorePoints').update(CA_FILE_SETTING, ctx.caFile, global);
  const sovereign = vscode.workspace.getConfiguration(SOVEREIGN_CLOUD);
  await sovereign.update('customEnvironment', customEnvironmentOf(cloud), global);
  await sovereign.update('environment', 'custom', global);
  const authentication = vscode.workspace.getConfiguration('restorePoints').get<string>('authentication');
  if (cloud.identityProvider === 'adfs' && authentication !== 'azureIdentity') {
    void vscode.window.showWarningMessage(vscode.l10n.t("Custom cloud '{0}' configured. It signs in through AD FS, which VS Code's Microsoft account cannot use: set `restorePoints.authentication` to `azureIdentity` (a service principal).", cloud.name));
  } else {
    void vscode.window.showInformationMessage(vscode.l10n.t("Custom cloud '{0}' configured.", cloud.name));
  }
  return cloud;
}

/** ARM endpoint → certificate authority file → what the endpoint's metadata says → the settings. */
export function configureCustomCloud(context: CommandContext): Promise<DiscoveredCloud> {
  const sovereign = vscode.workspace.getConfiguration(SOVEREIGN_CLOUD);
  const current = {
    endpoint: sovereign.inspect<Record<string, string>>('customEnvironment')?.globalValue?.resourceManagerEndpointUrl,
    caFile: vscode.workspace.getConfiguration('restorePoints').inspect<string>(CA_FILE_SETTING)?.globalValue,
  };
  return runWizard([endpointStep(current), caFileStep(current), readAndConfirmStep], { execute }, {}, context.prompter, { title: vscode.l10n.t('Configure Custom Cloud') });
}
