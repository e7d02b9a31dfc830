import * as assert from 'node:assert/strict';
import { ClientSecretCredential } from '@azure/identity';
import { readFileSync } from 'node:fs';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { DEMO_CLIENT_ID, DEMO_TENANTS } from '../../src/emulator/demoIdentity';
import { useEmulator, send } from './harness';
import { armScope, demoCredential, subscriptionClient } from './sdkClients';

describe('emulator identity endpoints', () => {
  const h = useEmulator();

  it('signs in with @azure/identity ClientSecretCredential and lists the tenant\'s subscriptions', async () => {
    const credential = demoCredential(h.emulator);
    const token = await credential.getToken(armScope(h.emulator));
    assert.ok(token.token.length > 20);
    assert.ok(!token.token.startsWith('eyJ'), 'tokens are opaque, not JWTs');
    assert.ok(token.expiresOnTimestamp > Date.now() + 3000_000);

    const client = subscriptionClient(h.emulator, credential);
    const names: string[] = [];
    for await (const s of client.subscriptions.list()) names.push(s.displayName ?? '');
    const expected = demoCatalog.subscriptions.filter((s) => s.tenantId === DEMO_TENANTS.contoso.tenantId).map((s) => s.displayName);
    assert.deepEqual(names.sort(), [...expected].sort());
  });

  it('lists the tenants the principal belongs to and the regions of a subscription', async () => {
    const client = subscriptionClient(h.emulator);
    const tenants: string[] = [];
    for await (const t of client.tenants.list()) tenants.push(t.tenantId ?? '');
    assert.deepEqual(tenants.sort(), Object.values(DEMO_TENANTS).map((t) => t.tenantId).sort());
    const regions: string[] = [];
    for await (const l of client.subscriptions.listLocations(demoCatalog.devTest.subscriptionId)) regions.push(l.name ?? '');
    assert.ok(regions.includes('eastus') && regions.includes('westeurope'));
    const sub = await client.subscriptions.get(demoCatalog.devTest.subscriptionId);
    assert.equal(sub.displayName, 'Contoso Dev/Test');
  });

  it('gives each tenant\'s token only that tenant\'s subscriptions', async () => {
    const res = await h.arm('GET', '/subscriptions?api-version=2022-12-01', { token: h.fabrikamToken });
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.json.value.map((s: { displayName: string }) => s.displayName).sort(),
      demoCatalog.subscriptions.filter((s) => s.tenantId === DEMO_TENANTS.fabrikam.tenantId).map((s) => s.displayName).sort(),
    );
    const wrongTenant = await h.arm('GET', `/subscriptions/${demoCatalog.devTest.subscriptionId}/resourcegroups?api-version=2025-04-01`, { token: h.fabrikamToken });
    assert.equal(wrongTenant.status, 401);
    assert.equal(wrongTenant.json.error.code, 'InvalidAuthenticationTokenTenant');
  });

  it('rejects a wrong client secret with an AADSTS error that MSAL surfaces', async () => {
    const credential = new ClientSecretCredential(DEMO_TENANTS.contoso.tenantId, DEMO_CLIENT_ID, 'wrong', {
      authorityHost: h.emulator.endpoint,
      disableInstanceDiscovery: true,
      tlsOptions: { ca: readFileSync(h.emulator.caCertificate, 'utf8') },
    });
    await assert.rejects(credential.getToken(armScope(h.emulator)), /7000215|invalid_client|Invalid client secret/);
  });

  it('serves OpenID discovery per tenant and refuses unknown tenants and foreign scopes', async () => {
    const config = await send(h.emulator, 'GET', `/${DEMO_TENANTS.fabrikam.tenantId}/v2.0/.well-known/openid-configuration`);
    assert.equal(config.status, 200);
    assert.equal(config.json.token_endpoint, `${h.emulator.endpoint}/${DEMO_TENANTS.fabrikam.tenantId}/oauth2/v2.0/token`);
    const unknown = await send(h.emulator, 'GET', '/00000000-0000-0000-0000-000000000000/v2.0/.well-known/openid-configuration');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json.error, 'invalid_tenant');
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_CLIENT_ID, client_secret: demoCatalog.clientSecret, scope: 'https://management.azure.com/.default' });
    const foreign = await send(h.emulator, 'POST', `/${DEMO_TENANTS.contoso.tenantId}/oauth2/v2.0/token`, { rawBody: form.toString(), contentType: 'application/x-www-form-urlencoded' });
    assert.equal(foreign.status, 400);
    assert.equal(foreign.json.error, 'invalid_scope');
    form.set('scope', `${h.emulator.endpoint}//.default`);
    const trailingSlash = await send(h.emulator, 'POST', `/${DEMO_TENANTS.contoso.tenantId}/oauth2/v2.0/token`, { rawBody: form.toString(), contentType: 'application/x-www-form-urlencoded' });
    assert.equal(trailingSlash.status, 200, 'the audience is accepted with a trailing slash');
  });
});

describe('emulator bearer authentication', () => {
  const h = useEmulator();

  it('answers 401 with an ARM error and WWW-Authenticate when the token is missing', async () => {
    const res = await h.arm('GET', '/subscriptions?api-version=2022-12-01', { token: null });
    assert.equal(res.status, 401);
    assert.equal(res.json.error.code, 'AuthenticationFailed');
    assert.match(String(res.headers['www-authenticate']), /^Bearer authorization_uri="/);
  });

  it('answers 401 InvalidAuthenticationToken to a token it did not issue', async () => {
    const res = await h.arm('GET', '/subscriptions?api-version=2022-12-01', { token: 'eyJhbGciOiJub25lIn0.e30.' });
    assert.equal(res.status, 401);
    assert.equal(res.json.error.code, 'InvalidAuthenticationToken');
    const malformed = await h.arm('GET', '/subscriptions?api-version=2022-12-01', { token: null, headers: { authorization: 'Basic abc' } });
    assert.equal(malformed.status, 401);
    assert.equal(malformed.json.error.code, 'AuthenticationFailed');
  });
});
