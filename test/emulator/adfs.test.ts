import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ClientSecretCredential } from '@azure/identity';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANTS } from '../../src/emulator/demoIdentity';
import { send, useEmulator } from './harness';
import { armScope, subscriptionClient } from './sdkClients';

const form = (fields: Record<string, string>): { rawBody: string; contentType: string } => ({ rawBody: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' });

describe('emulator in AD FS mode', () => {
  const h = useEmulator({ identity: 'adfs' });

  /** @azure/identity's documented AD FS form: tenant `adfs`, the authority host ending in /adfs, no instance discovery. */
  const adfsCredential = (secret = DEMO_CLIENT_SECRET): ClientSecretCredential =>
    new ClientSecretCredential('adfs', DEMO_CLIENT_ID, secret, {
      authorityHost: `${h.emulator.endpoint}/adfs`,
      disableInstanceDiscovery: true,
      tlsOptions: { ca: readFileSync(h.emulator.caCertificate, 'utf8') },
    });

  it('serves AD FS OpenID discovery at /adfs/.well-known/openid-configuration', async () => {
    const res = await send(h.emulator, 'GET', '/adfs/.well-known/openid-configuration');
    assert.equal(res.status, 200);
    assert.equal(res.json.issuer, `${h.emulator.endpoint}/adfs`);
    assert.equal(res.json.token_endpoint, `${h.emulator.endpoint}/adfs/oauth2/token/`);
    assert.ok(res.json.grant_types_supported.includes('client_credentials'));
  });

  it('signs in with @azure/identity in its AD FS form and lists the directory\'s subscriptions', async () => {
    const credential = adfsCredential();
    const token = await credential.getToken(armScope(h.emulator));
    assert.ok(token.token.length > 20);
    const client = subscriptionClient(h.emulator, credential);
    const names: string[] = [];
    for await (const s of client.subscriptions.list()) names.push(s.displayName ?? '');
    const contoso = demoCatalog.subscriptions.filter((s) => s.tenantId === DEMO_TENANTS.contoso.tenantId).map((s) => s.displayName);
    assert.deepEqual(names.sort(), [...contoso].sort());
    const tenants: string[] = [];
    for await (const t of client.tenants.list()) tenants.push(t.tenantId ?? '');
    assert.deepEqual(tenants, [DEMO_TENANTS.contoso.tenantId], 'AD FS has one directory');
  });

  it('issues tokens only at the AD FS token endpoint, recorded as issued by AD FS', async () => {
    const ok = await send(h.emulator, 'POST', '/adfs/oauth2/token', form({ grant_type: 'client_credentials', client_id: DEMO_CLIENT_ID, client_secret: DEMO_CLIENT_SECRET, scope: `${h.emulator.endpoint}/.default` }));
    assert.equal(ok.status, 200);
    assert.equal(ok.json.token_type, 'bearer');
    assert.ok(ok.json.expires_in > 3000);
    const tokens = await send(h.emulator, 'GET', '/_emulator/tokens');
    const record = tokens.json.value.find((t: { token: string }) => t.token === ok.json.access_token);
    assert.equal(record.issuer, 'adfs');
    const subs = await send(h.emulator, 'GET', '/subscriptions?api-version=2022-12-01', { token: ok.json.access_token });
    assert.equal(subs.status, 200);

    const entra = await send(h.emulator, 'POST', `/${DEMO_TENANTS.contoso.tenantId}/oauth2/v2.0/token`, form({ grant_type: 'client_credentials', client_id: DEMO_CLIENT_ID, client_secret: DEMO_CLIENT_SECRET, scope: `${h.emulator.endpoint}/.default` }));
    assert.equal(entra.status, 401, 'the Microsoft Entra token endpoint is not there');
    assert.equal(entra.json.access_token, undefined);
  });

  it('refuses a wrong secret, an unknown client, another grant and a foreign scope with AD FS errors', async () => {
    const token = (fields: Record<string, string>) => send(h.emulator, 'POST', '/adfs/oauth2/token/', form({ grant_type: 'client_credentials', client_id: DEMO_CLIENT_ID, client_secret: DEMO_CLIENT_SECRET, scope: `${h.emulator.endpoint}/.default`, ...fields }));
    const before = (await send(h.emulator, 'GET', '/_emulator/tokens')).json.value.length;
    const wrongSecret = await token({ client_secret: 'wrong' });
    assert.equal(wrongSecret.status, 401);
    assert.equal(wrongSecret.json.error, 'invalid_client');
    assert.match(wrongSecret.json.error_description, /^MSIS\d+: /);
    assert.equal((await token({ client_id: '00000000-0000-0000-0000-000000000000' })).json.error, 'invalid_client');
    assert.equal((await token({ grant_type: 'password' })).json.error, 'unsupported_grant_type');
    assert.equal((await token({ scope: 'https://management.azure.com/.default' })).json.error, 'invalid_scope');
    assert.equal((await send(h.emulator, 'GET', '/_emulator/tokens')).json.value.length, before, 'no token issued');
    await assert.rejects(adfsCredential('wrong').getToken(armScope(h.emulator)), /invalid_client|MSIS/);
  });

  it('names the AD FS authority in ARM\'s 401 challenge, as Azure Stack Hub does', async () => {
    const missing = await send(h.emulator, 'GET', '/subscriptions?api-version=2022-12-01');
    assert.equal(missing.status, 401);
    assert.match(missing.headers['www-authenticate'] as string, new RegExp(`^Bearer authorization_uri="${h.emulator.endpoint}/adfs", error="invalid_token"`));
    await send(h.emulator, 'POST', '/_emulator/identity', { body: { mode: 'entra' } });
    try {
      const entra = await send(h.emulator, 'GET', '/subscriptions?api-version=2022-12-01');
      assert.match(entra.headers['www-authenticate'] as string, new RegExp(`^Bearer authorization_uri="${h.emulator.endpoint}/"`));
    } finally {
      await send(h.emulator, 'POST', '/_emulator/identity', { body: { mode: 'adfs' } });
    }
  });

  it('switches between identity providers at run time through the test control', async () => {
    const switched = await send(h.emulator, 'POST', '/_emulator/identity', { body: { mode: 'entra' } });
    assert.equal(switched.status, 200);
    try {
      assert.equal((await send(h.emulator, 'GET', `/${DEMO_TENANTS.contoso.tenantId}/v2.0/.well-known/openid-configuration`)).status, 200);
      assert.equal((await send(h.emulator, 'GET', '/adfs/.well-known/openid-configuration')).status, 401);
    } finally {
      await send(h.emulator, 'POST', '/_emulator/identity', { body: { mode: 'adfs' } });
    }
    assert.equal((await send(h.emulator, 'GET', '/_emulator/identity')).json.mode, 'adfs');
    assert.equal((await send(h.emulator, 'POST', '/_emulator/identity', { body: { mode: 'saml' } })).status, 400);
  });

  it('goes back to the identity mode it started in on a reset', async () => {
    await send(h.emulator, 'POST', '/_emulator/identity', { body: { mode: 'entra' } });
    assert.equal((await send(h.emulator, 'GET', '/_emulator/identity')).json.mode, 'entra');
    assert.equal((await send(h.emulator, 'POST', '/_emulator/reset', { body: { data: 'demo' } })).status, 200);
    assert.equal((await send(h.emulator, 'GET', '/_emulator/identity')).json.mode, 'adfs');
    assert.equal((await send(h.emulator, 'GET', '/adfs/.well-known/openid-configuration')).status, 200, 'AD FS answers again');
  });
});
