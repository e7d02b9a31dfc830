import * as assert from 'node:assert/strict';
import { useEmulator, send } from './harness';

describe('emulator cloud metadata (GET /metadata/endpoints)', () => {
  const h = useEmulator();

  it('answers api-version 2015-01-01 without a token, in the single-cloud form az cloud register reads', async () => {
    const res = await send(h.emulator, 'GET', '/metadata/endpoints?api-version=2015-01-01');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /application\/json/);
    const { endpoint } = h.emulator;
    assert.deepEqual(res.json, {
      galleryEndpoint: `${endpoint}/`,
      graphEndpoint: `${endpoint}/`,
      portalEndpoint: `${endpoint}/`,
      authentication: { loginEndpoint: `${endpoint}/`, audiences: [`${endpoint}/`] },
    });
  });

  it('answers api-version 2022-09-01 with a list of clouds, this one named, its ARM endpoint and Entra sign-in', async () => {
    const res = await send(h.emulator, 'GET', '/metadata/endpoints?api-version=2022-09-01');
    assert.equal(res.status, 200);
    assert.ok(Array.isArray(res.json));
    assert.equal(res.json.length, 1);
    const [cloud] = res.json;
    assert.equal(cloud.name, 'ArmEmulator');
    assert.equal(cloud.resourceManager, `${h.emulator.endpoint}/`);
    assert.deepEqual(cloud.authentication, { loginEndpoint: `${h.emulator.endpoint}/`, audiences: [`${h.emulator.endpoint}/`], tenant: 'common', identityProvider: 'AAD' });
    assert.deepEqual(cloud.suffixes, {});
  });

  it('names the AD FS authority when the emulator signs in through AD FS', async () => {
    h.emulator.controls.identity = 'adfs';
    try {
      const single = await send(h.emulator, 'GET', '/metadata/endpoints?api-version=2015-01-01');
      assert.equal(single.json.authentication.loginEndpoint, `${h.emulator.endpoint}/adfs`);
      const list = await send(h.emulator, 'GET', '/metadata/endpoints?api-version=2022-09-01');
      assert.equal(list.json[0].authentication.identityProvider, 'ADFS');
      assert.equal(list.json[0].authentication.tenant, 'adfs');
    } finally {
      h.emulator.controls.identity = 'entra';
    }
  });

  it('refuses a missing or unknown api-version and other methods', async () => {
    const missing = await send(h.emulator, 'GET', '/metadata/endpoints');
    assert.equal(missing.status, 400);
    assert.equal(missing.json.error.code, 'MissingApiVersionParameter');
    const unknown = await send(h.emulator, 'GET', '/metadata/endpoints?api-version=2099-01-01');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json.error.code, 'InvalidApiVersionParameter');
    assert.match(unknown.json.error.message, /2015-01-01/);
    const post = await send(h.emulator, 'POST', '/metadata/endpoints?api-version=2015-01-01', { body: {} });
    assert.equal(post.status, 405);
  });
});
