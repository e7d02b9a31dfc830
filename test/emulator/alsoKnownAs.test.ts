import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:tls';
import { DEMO_TENANTS } from '../../src/emulator/demoIdentity';
import { send, useEmulator } from './harness';

/** A name a proxy would resolve for its clients; the emulator is reached on 127.0.0.1 with it as Host. */
const ALIAS = 'arm.behind-proxy.example.test';

describe('emulator reached by another name (alsoKnownAs)', () => {
  const h = useEmulator({ alsoKnownAs: [ALIAS] });
  const discovery = `/${DEMO_TENANTS.contoso.tenantId}/v2.0/.well-known/openid-configuration`;
  const aliasEndpoint = (): string => `https://${ALIAS}:${new URL(h.emulator.endpoint).port}`;

  it('names itself as the client did: token endpoint and issuer under the name it was reached by', async () => {
    const byAlias = await send(h.emulator, 'GET', discovery, { headers: { host: `${ALIAS}:${new URL(h.emulator.endpoint).port}` } });
    assert.equal(byAlias.status, 200);
    assert.equal(byAlias.json.token_endpoint, `${aliasEndpoint()}/${DEMO_TENANTS.contoso.tenantId}/oauth2/v2.0/token`);
    assert.ok(String(byAlias.json.issuer).startsWith(`${aliasEndpoint()}/`), byAlias.json.issuer);

    const direct = await send(h.emulator, 'GET', discovery);
    assert.equal(direct.json.token_endpoint, `${h.emulator.endpoint}/${DEMO_TENANTS.contoso.tenantId}/oauth2/v2.0/token`);
  });

  it('answers any other name by its own endpoint', async () => {
    // localhost is in its certificate, but not a name it was told it is also known by.
    const other = await send(h.emulator, 'GET', discovery, { headers: { host: `localhost:${new URL(h.emulator.endpoint).port}` } });
    assert.equal(other.json.token_endpoint, `${h.emulator.endpoint}/${DEMO_TENANTS.contoso.tenantId}/oauth2/v2.0/token`);
  });

  it('has a certificate good for the other name', async () => {
    const { port } = new URL(h.emulator.endpoint);
    const names = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: Number(port), servername: ALIAS, ca: readFileSync(h.emulator.caCertificate) }, () => {
        resolve(socket.getPeerCertificate().subjectaltname ?? '');
        socket.end();
      });
      socket.on('error', reject);
    });
    assert.match(names, new RegExp(`DNS:${ALIAS.replace(/\./g, '\\.')}`));
  });
});
