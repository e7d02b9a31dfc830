import * as assert from 'node:assert';
import { demoCatalog } from '../../src/emulator';
import type { RestorePointsApi } from '../../src/extension';
import { clearRequestLog, requestLog } from '../support/commandDriver';
import { PROXIED_EMULATOR_HOST, startConnectProxy, type ConnectProxy } from '../support/connectProxy';
import { activateExtension, byLabel, children, control, CUSTOM_ENVIRONMENT, emulatorAddress, eventually, runnerCustomCloud, setSetting } from './helpers';

const allSubscriptions = demoCatalog.subscriptions.map((s) => s.displayName).sort();

/**
 * A custom cloud behind a corporate proxy, set where VS Code users set it (`http.proxy`): VS Code's
 * proxy support then carries the extension's requests, not the extension's own HTTPS agent. The
 * cloud is named by a host that only the proxy resolves, so a request that reached it went through
 * the proxy; the cloud's private CA (the extension's CA file setting) must still be trusted inside
 * the proxy's tunnel, where VS Code takes it from the agent the request came with.
 */
describe('a custom cloud behind the proxy VS Code is set to use', function () {
  this.timeout(60_000);
  let api: RestorePointsApi;
  let proxy: ConnectProxy | undefined;
  /** The runner's custom cloud, restored afterwards; undefined when `before` failed before reading it. */
  let runnerEnvironment: Record<string, string> | undefined;
  const { endpoint } = emulatorAddress();
  const { port } = new URL(endpoint);
  const proxiedEndpoint = `https://${PROXIED_EMULATOR_HOST}:${port}`;

  const rootLabels = async (): Promise<string[]> => (await children(api)).map((s) => s.label).sort();
  /**
   * Every subscription listed, from a subscription list ARM answered since the request log was
   * cleared: the tree shows the same before and after a change of cloud, so only a new read tells
   * that the extension signed in again.
   */
  const listedAnew = async (): Promise<true | undefined> =>
    (await requestLog()).some((r) => r.path === '/subscriptions' && r.status === 200) && (await rootLabels()).join() === allSubscriptions.join() ? true : undefined;

  before(async () => {
    api = await activateExtension();
    await control('POST', '/reset', { data: 'demo' });
    runnerEnvironment = runnerCustomCloud();
    assert.ok(runnerEnvironment, 'the runner configured the emulator as a custom cloud');
    proxy = await startConnectProxy({ [PROXIED_EMULATOR_HOST]: new URL(endpoint).hostname });
  });

  after(async () => {
    // The proxy goes first: a list read after this went to the emulator directly.
    await setSetting('http.proxy', undefined);
    await proxy?.close();
    if (!runnerEnvironment) return;
    await clearRequestLog();
    await setSetting(CUSTOM_ENVIRONMENT, runnerEnvironment);
    await eventually(listedAnew, 'the tree signed in to the emulator directly again');
  });

  it('signs in and lists the tree through the proxy, trusting the cloud\'s CA inside the tunnel', async () => {
    await setSetting('http.proxy', proxy!.url);
    await clearRequestLog();
    const proxied = Object.fromEntries(Object.entries(runnerEnvironment!).map(([key, value]) => [key, value.replace(endpoint, proxiedEndpoint)]));
    await setSetting(CUSTOM_ENVIRONMENT, proxied);

    await eventually(listedAnew, 'the tree listing every subscription through the proxy').catch(async (error: unknown) => {
      throw new Error(`${String(error)}; the tree shows ${JSON.stringify(await rootLabels())}; tunnels: ${JSON.stringify([...new Set(proxy!.tunnels)])}`);
    });
    const dev = byLabel(await children(api), 'Contoso Dev/Test');
    const vms = await children(api, dev.node);
    assert.deepStrictEqual(vms.map((v) => v.label), [demoCatalog.devTest.web01.vm, demoCatalog.devTest.web02.vm, demoCatalog.devTest.sql01.vm, demoCatalog.devTest.cache01.vm]);

    const tunnels = [...new Set(proxy!.tunnels)];
    assert.deepStrictEqual(tunnels, [`${PROXIED_EMULATOR_HOST}:${port}`], 'every tunnel went to the cloud, by its name');
    const arm = (await requestLog()).filter((r) => r.path.startsWith('/subscriptions'));
    assert.ok(arm.some((r) => r.path === `/subscriptions/${demoCatalog.devTest.subscriptionId}/providers/Microsoft.Compute/virtualMachines` && r.status === 200), JSON.stringify(arm.map((r) => `${r.path} ${r.status}`)));
    assert.ok(arm.every((r) => r.status === 200), JSON.stringify(arm.map((r) => `${r.path} ${r.status}`)));
  });
});
