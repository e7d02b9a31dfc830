import * as assert from 'node:assert/strict';
import { logPolicyName, proxyPolicyName, setClientRequestIdPolicyName, tracingPolicyName, userAgentPolicyName } from '@azure/core-rest-pipeline';
import { SDK_TRACING_POLICY } from '../../src/azure/clients';
import { readCollection } from '../../src/azure/restorePointCollections';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { DEMO_TENANTS } from '../../src/emulator/demoIdentity';
import { emulatorClientFactory } from './emulatorFactory';
import { useEmulator } from './harness';

const dev = demoCatalog.devTest;

describe('ARM clients from the client factory', () => {
  const h = useEmulator();

  it('go without the SDK\'s tracing policy, keep its user agent and client request ids, give the shared agent after the proxy and log policies, and read as before', async () => {
    assert.equal(SDK_TRACING_POLICY, tracingPolicyName);
    const factory = emulatorClientFactory(h.emulator);
    const subscription = { tenantId: DEMO_TENANTS.contoso.tenantId, subscriptionId: dev.subscriptionId };
    const clients = await Promise.all([
      factory.computeClient(subscription.tenantId, subscription.subscriptionId),
      factory.networkClient(subscription.tenantId, subscription.subscriptionId),
      factory.resourceClient(subscription.tenantId, subscription.subscriptionId),
      factory.subscriptionClient(subscription.tenantId),
      factory.resourceGraphClient(subscription.tenantId),
    ]);
    for (const client of clients) {
      const policies = client.pipeline.getOrderedPolicies().map((p) => p.name);
      assert.ok(!policies.includes(tracingPolicyName), policies.join(', '));
      assert.ok(policies.includes(userAgentPolicyName) && policies.includes(setClientRequestIdPolicyName), policies.join(', '));
      // The shared agent is given after the proxy policy chose and after the log policy wrote the
      // request: at trace level it writes the whole request as JSON, which would walk the agent's sockets.
      const agentAt = policies.indexOf('restorePointsSharedAgent');
      assert.ok(agentAt > policies.indexOf(proxyPolicyName) && agentAt > policies.indexOf(logPolicyName) && policies.indexOf(logPolicyName) >= 0, policies.join(', '));
    }
    const id = `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.web02.resourceGroup}/providers/Microsoft.Compute/restorePointCollections/${dev.web02.collection}`;
    const collection = await readCollection(factory, subscription, id, { restorePoints: true });
    assert.deepEqual(collection.restorePoints?.map((rp) => rp.name).sort(), dev.web02.restorePoints);
  });
});
