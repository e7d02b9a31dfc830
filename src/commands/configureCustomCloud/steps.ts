import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { readCloudMetadata, type DiscoveredCloud } from '../../azure/cloudMetadata';
import { BACK } from '../wizard/prompter';
import type { PromptStep } from '../wizard/wizard';

export interface CustomCloudContext {
  /** The ARM endpoint as typed, e.g. `https://management.local.azurestack.external`. */
  endpoint?: string;
  /** A private certificate authority's PEM file; '' to trust the system's certificates only. */
  caFile?: string;
  /** What the endpoint's metadata said, once read and accepted. */
  cloud?: DiscoveredCloud;
}

/** The current values of the settings the wizard writes, as defaults to offer. */
export interface CurrentSettings {
  endpoint?: string;
  caFile?: string;
}

export function endpointProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return vscode.l10n.t('Enter the URL of the cloud\'s Azure Resource Manager endpoint, e.g. https://management.local.azurestack.external');
  }
  if (url.protocol !== 'https:') return vscode.l10n.t('The endpoint must use https.');
  if (url.search || url.hash || url.username || url.password) return vscode.l10n.t('Enter the endpoint alone, without a query, a fragment or credentials.');
  return undefined;
}

export function caFileProblem(value: string): string | undefined {
  const file = value.trim();
  if (file === '') return undefined;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return vscode.l10n.t('Cannot read {0}.', file);
  }
  return text.includes('-----BEGIN CERTIFICATE-----') ? undefined : vscode.l10n.t('{0} holds no PEM certificate (-----BEGIN CERTIFICATE-----).', file);
}

export function endpointStep(current: CurrentSettings): PromptStep<CustomCloudContext> {
  return {
    shouldPrompt: (ctx) => ctx.endpoint === undefined,
    async prompt(ctx, prompter, earlier) {
      const answer = await prompter.input({
        prompt: vscode.l10n.t('The Azure Resource Manager endpoint of the cloud (Azure Stack Hub: https://management.<region>.<domain>)'),
        placeholder: 'https://management.local.azurestack.external',
        value: earlier?.endpoint ?? current.endpoint,
        validate: endpointProblem,
      });
      if (answer === BACK) return BACK;
      ctx.endpoint = answer.trim();
    },
  };
}

export function caFileStep(current: CurrentSettings): PromptStep<CustomCloudContext> {
  return {
    shouldPrompt: (ctx) => ctx.caFile === undefined,
    async prompt(ctx, prompter, earlier) {
      const answer = await prompter.input({
        prompt: vscode.l10n.t('The certificate authority file (PEM) of a cloud whose certificates come from a private authority, as the path on the machine the extension runs on; leave empty to trust the system\'s certificates'),
        placeholder: vscode.l10n.t('empty: the system\'s certificates'),
        value: earlier?.caFile ?? current.caFile ?? '',
        validate: caFileProblem,
      });
      if (answer === BACK) return BACK;
      ctx.caFile = answer.trim();
    },
  };
}

function describe(cloud: DiscoveredCloud, caFile: string): string {
  const signIn = cloud.identityProvider === 'adfs' ? vscode.l10n.t('AD FS at {0}', cloud.loginEndpoint) : vscode.l10n.t('Microsoft Entra ID at {0}', cloud.loginEndpoint);
  return [
    vscode.l10n.t('Name: {0}', cloud.name),
    vscode.l10n.t('Resource Manager: {0}', cloud.resourceManagerEndpoint),
    vscode.l10n.t('Sign-in: {0}', signIn),
    vscode.l10n.t('Token audience: {0}', cloud.audience),
    vscode.l10n.t('Portal: {0}', cloud.portalUrl ?? vscode.l10n.t('(none given)')),
    vscode.l10n.t('Certificates: {0}', caFile ? caFile : vscode.l10n.t('the system\'s')),
    '',
    vscode.l10n.t('Saved in your user settings microsoft-sovereign-cloud.environment and .customEnvironment, which VS Code\'s Microsoft account and Microsoft\'s Azure extensions use too.'),
  ].join('\n');
}

/**
 * Reads the endpoint's cloud metadata and shows what it found. A failure (unreachable, untrusted
 * certificate, not ARM) ends the wizard with its message, before anything is written.
 */
export const readAndConfirmStep: PromptStep<CustomCloudContext> = {
  shouldPrompt: () => true,
  async prompt(ctx, prompter) {
    const caFile = ctx.caFile ?? '';
    const cloud = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the cloud metadata of {0}…', ctx.endpoint!) }, () =>
      readCloudMetadata(ctx.endpoint!, caFile ? [fs.readFileSync(caFile, 'utf8')] : undefined));
    const answer = await prompter.confirm({
      message: vscode.l10n.t('Use the cloud at {0}?', cloud.resourceManagerEndpoint),
      detail: describe(cloud, caFile),
      confirmLabel: vscode.l10n.t('Save Settings'),
    });
    if (answer === BACK) return BACK;
    ctx.cloud = cloud;
  },
};
