/** Where the emulator and the VS Code server listen: a proxy could not reach this machine's loopback for us. */
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost'];

/**
 * NO_PROXY (both spellings, as the Azure SDK reads either) with the loopback hosts added, for the
 * processes that talk to the local emulator. The extension honours HTTPS_PROXY and NO_PROXY as the
 * Azure SDK does (src/azure/httpsAgent.ts), which makes no exception for loopback; on a machine
 * whose environment names a proxy, the emulator's requests would otherwise go to that proxy.
 */
export function loopbackDirect(env: NodeJS.ProcessEnv): { NO_PROXY: string; no_proxy: string } {
  const listed = [env.NO_PROXY, env.no_proxy].flatMap((list) => (list ?? '').split(',')).map((host) => host.trim()).filter(Boolean);
  const value = [...new Set([...listed, ...LOOPBACK_HOSTS])].join(',');
  return { NO_PROXY: value, no_proxy: value };
}
