import * as assert from 'node:assert/strict';
import { isAdfsAuthority } from '../../src/azure/cloud';
import { parseCloudMetadata } from '../../src/azure/cloudMetadata';

const ASH = 'https://management.local.azurestack.external/';

describe('a cloud from its ARM endpoint\'s metadata', () => {
  it('reads the 2015-01-01 object of an Azure Stack Hub signing in through AD FS', () => {
    const text = JSON.stringify({
      galleryEndpoint: 'https://providers.local.azurestack.external:30016/',
      graphEndpoint: 'https://graph.local.azurestack.external/',
      portalEndpoint: 'https://portal.local.azurestack.external/',
      authentication: { loginEndpoint: 'https://adfs.local.azurestack.external/adfs', audiences: ['https://management.adfs.azurestack.local/4de154de-f8a8-4017-af41-df619da68155'] },
    });
    assert.deepEqual(parseCloudMetadata(ASH, text), {
      name: 'management.local.azurestack.external',
      resourceManagerEndpoint: ASH,
      loginEndpoint: 'https://adfs.local.azurestack.external/adfs/',
      identityProvider: 'adfs',
      audience: 'https://management.adfs.azurestack.local/4de154de-f8a8-4017-af41-df619da68155',
      portalUrl: 'https://portal.local.azurestack.external/',
    });
  });

  it('picks the entry of a list of clouds whose resourceManager is the endpoint asked', () => {
    const cloud = (name: string, arm: string, login: string) => ({ name, portal: `https://portal.${name}.example`, resourceManager: arm, authentication: { loginEndpoint: login, audiences: [`${arm}`], tenant: 'common', identityProvider: 'AAD' }, suffixes: {} });
    const text = JSON.stringify([
      cloud('AzureCloud', 'https://management.azure.com/', 'https://login.microsoftonline.com'),
      cloud('AzureChinaCloud', 'https://management.chinacloudapi.cn/', 'https://login.chinacloudapi.cn'),
    ]);
    const china = parseCloudMetadata('https://management.chinacloudapi.cn/', text);
    assert.equal(china?.name, 'AzureChinaCloud');
    assert.equal(china?.loginEndpoint, 'https://login.chinacloudapi.cn/');
    assert.equal(china?.identityProvider, 'entra');
    assert.equal(parseCloudMetadata('https://management.other.example/', text), undefined, 'no entry for that endpoint');
  });

  it('finds no cloud in what is not cloud metadata', () => {
    for (const text of ['<html>Welcome</html>', 'null', '[]', '{"error":{"code":"NotFound"}}', '{"authentication":{"loginEndpoint":"http://insecure.example","audiences":["x"]}}', '{"authentication":{"loginEndpoint":"https://login.example","audiences":[]}}']) {
      assert.equal(parseCloudMetadata(ASH, text), undefined, text);
    }
  });

  it('tells an AD FS authority by its first path segment, as MSAL does', () => {
    assert.equal(isAdfsAuthority('https://adfs.local.azurestack.external/adfs'), true);
    assert.equal(isAdfsAuthority('https://adfs.local.azurestack.external/ADFS/'), true);
    assert.equal(isAdfsAuthority('https://login.microsoftonline.com/'), false);
    assert.equal(isAdfsAuthority('https://login.example/tenant/adfs'), false);
    assert.equal(isAdfsAuthority('not a url'), false);
  });
});
