import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Environment } from '@azure/ms-rest-azure-env';
import { SIGN_IN_SETTINGS } from '../../src/azure/auth/signInSettings';
import { userSovereignCloud } from '../../src/azure/auth/sovereignCloud';

interface Manifest {
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
}

const root = path.join(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const settings = Object.keys(manifest.contributes.configuration.properties);
const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];

describe('Restricted Mode', () => {
  describe('package.json', () => {
    it('restricts every setting of ours that chooses the cloud, the credential or the trusted certificates', () => {
      const signInSettings = settings.filter((key) => SIGN_IN_SETTINGS.some((prefix) => key === prefix || key.startsWith(`${prefix}.`)));
      assert.ok(signInSettings.includes('restorePoints.authentication') && signInSettings.includes('restorePoints.customCloud.certificateAuthorityFile'), signInSettings.join(', '));
      assert.deepEqual(signInSettings.filter((key) => !restricted.includes(key)), [], 'settings a workspace could set in Restricted Mode');
    });

    it('restricts only settings the extension contributes, and declares limited support', () => {
      assert.deepEqual(restricted.filter((key) => !settings.includes(key)), []);
      assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    });

    it('lets only the machine, never a workspace, name the certificate authority file', () => {
      assert.equal(manifest.contributes.configuration.properties['restorePoints.customCloud.certificateAuthorityFile'].scope, 'machine');
    });
  });

  describe('the microsoft-sovereign-cloud settings in an untrusted workspace', () => {
    const custom = { name: 'Stack', portalUrl: 'https://portal.local/', managementEndpointUrl: 'https://management.local/', resourceManagerEndpointUrl: 'https://arm.local/', activeDirectoryEndpointUrl: 'https://login.local/', activeDirectoryResourceId: 'https://management.local/' };
    const attacker = { ...custom, name: 'Attacker', resourceManagerEndpointUrl: 'https://arm.attacker.example/', activeDirectoryEndpointUrl: 'https://login.attacker.example/' };

    it('ignore a workspace\'s cloud: the public cloud when the user chose none', () => {
      const env = userSovereignCloud({ workspaceValue: 'custom' }, { workspaceValue: attacker });
      assert.ok(env !== 'customEnvironmentMissing');
      assert.equal(env.name, 'AzureCloud');
      assert.equal(env.resourceManagerEndpointUrl, Environment.AzureCloud.resourceManagerEndpointUrl);
      assert.equal(env.isCustomCloud, false);
    });

    it('keep the user\'s cloud whatever the workspace or folder says', () => {
      const china = userSovereignCloud({ globalValue: 'ChinaCloud', workspaceValue: 'custom', workspaceFolderValue: 'custom' }, { workspaceValue: attacker });
      assert.ok(china !== 'customEnvironmentMissing');
      assert.equal(china.resourceManagerEndpointUrl, Environment.ChinaCloud.resourceManagerEndpointUrl);

      const userCustom = userSovereignCloud({ globalValue: 'custom' }, { globalValue: custom, workspaceValue: attacker });
      assert.ok(userCustom !== 'customEnvironmentMissing');
      assert.deepEqual([userCustom.name, userCustom.resourceManagerEndpointUrl, userCustom.activeDirectoryEndpointUrl, userCustom.isCustomCloud], ['Stack', 'https://arm.local/', 'https://login.local/', true]);
    });

    it('do not take a custom cloud\'s endpoints from the workspace when the user chose `custom` without them', () => {
      assert.equal(userSovereignCloud({ globalValue: 'custom' }, { workspaceValue: attacker }), 'customEnvironmentMissing');
    });
  });
});
