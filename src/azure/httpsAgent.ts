import * as https from 'node:https';
import * as tls from 'node:tls';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { Environment } from '@azure/ms-rest-azure-env';

/*
 * Why the agent is given by a policy rather than the SDK's `agent` option (read in
 * @azure/core-rest-pipeline 1.24, @typespec/ts-http-runtime 0.3.6 and VS Code 1.100's
 * @vscode/proxy-agent 0.32):
 * - The `agent` option adds the SDK's agentPolicy ahead of its proxyPolicy (core-rest-pipeline
 *   createPipelineFromOptions.js:42,47), and the proxy policy leaves a request that already has an
 *   agent alone (ts-http-runtime policies/proxyPolicy.js:129, `if (request.agent) return`): with
 *   that option HTTPS_PROXY / HTTP_PROXY / ALL_PROXY are ignored.
 * - Without one, the proxy policy gives a proxied request an HttpsProxyAgent, NO_PROXY honoured
 *   (proxyPolicy.js:160), and the node HTTP client gives any other request its own keep-alive agent
 *   (nodeHttpClient.js:198,260), which keeps up to Node's default of 256 idle sockets.
 * - VS Code patches https.request in the extension host (@vscode/proxy-agent out/index.js:316-352,
 *   out/agent.js:77-81). Under `http.proxySupport` "override", its default in VS Code 1.100, it
 *   resolves every request's proxy itself (`http.proxy`, its own reading of HTTPS_PROXY / NO_PROXY,
 *   the system's); a request to localhost or 127.0.0.1 goes direct with the agent it came with, and
 *   a direct request to any other host goes to Node's global agent instead. So inside VS Code with
 *   the default, Azure's endpoints follow VS Code's proxy settings and not this agent; the local
 *   emulator does use it. Under "fallback" a direct request keeps its agent; under "on" VS Code
 *   leaves any request that brings an agent alone (the SDK always brings one), and under "off" it
 *   resolves no proxy: there the SDK's proxy decision and this agent apply, as in plain Node.
 * So the shared agent is set after the SDK's proxy policy, only on requests it left without one:
 * the SDK's proxy decision stands wherever VS Code does not make its own, and every direct request
 * it keeps shares one capped pool.
 */

const agents = new Map<string, { agent: https.Agent; secureContext?: tls.SecureContext }>();

/**
 * Idle connections kept once a burst of reads is over. Up to 128 reads go at once (clients.ts);
 * each kept TLS connection holds its buffers, and the SDK's own agent keeps up to 256.
 */
const IDLE_CONNECTIONS_KEPT = 16;

function shared(extraCertificates: readonly string[] | undefined): { agent: https.Agent; secureContext?: tls.SecureContext } {
  const key = extraCertificates?.join('\n') ?? '';
  let entry = agents.get(key);
  if (!entry) {
    if (!extraCertificates?.length) {
      // No `ca`: Node's roots apply, or the system certificates VS Code adds to each request.
      entry = { agent: new https.Agent({ keepAlive: true, maxFreeSockets: IDLE_CONNECTIONS_KEPT }) };
    } else {
      // A `ca` replaces Node's roots, so the built-in ones go along. The agent's own `ca` option is
      // what VS Code's proxy support gives each request it sends to a host but localhost, through
      // a proxy or directly, as its only trust (hence the public sign-in hosts' exception below).
      const secureContext = tls.createSecureContext({ ca: [...tls.rootCertificates, ...extraCertificates] });
      entry = { agent: new https.Agent({ keepAlive: true, maxFreeSockets: IDLE_CONNECTIONS_KEPT, ca: [...extraCertificates], secureContext }), secureContext };
    }
    agents.set(key, entry);
  }
  return entry;
}

/**
 * One keep-alive HTTPS agent per cloud trust, shared by every ARM client and the sign-in
 * credential, keeping at most IDLE_CONNECTIONS_KEPT idle connections.
 *
 * For a cloud behind a private CA, it holds one TLS secure context built once. Passing `ca` alone
 * makes Node build a secure context, parsing every root certificate, for each new connection;
 * inside VS Code's extension host every request used to be a new connection (keepAlive.ts), and
 * that parsing cost about 35 ms of CPU and a megabyte of native memory per request. The agent's
 * `ca` is only the extra certificates: Node ignores it when a secure context is given, but VS
 * Code's proxy patch needs one to leave the request's trust alone, and the agent serializes it into
 * its socket pool key on every request.
 *
 * Give it to the SDK through `sharedAgentPolicy`, not the `agent` option, which turns the SDK's
 * proxy support off (see above); a client without a proxy policy (Storage's) may take it directly.
 */
export function sharedHttpsAgent(extraCertificates: readonly string[] | undefined): https.Agent {
  return shared(extraCertificates).agent;
}

/**
 * The public clouds' sign-in hosts. A custom cloud may sign in there (Azure Stack Hub connected
 * with Microsoft Entra ID) while its own endpoints sit behind a private CA; those hosts always
 * present a publicly trusted certificate.
 */
const PUBLIC_SIGN_IN_HOSTS = new Set(
  [Environment.AzureCloud, Environment.ChinaCloud, Environment.USGovernment, Environment.GermanCloud].map((cloud) => new URL(cloud.activeDirectoryEndpointUrl).hostname),
);

/** A URL's host name, lower case, without parsing the whole URL (this runs for every request). */
const hostOf = (url: string): string => /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url)?.[1].toLowerCase() ?? '';

/**
 * Gives a request the shared agent unless the SDK's proxy policy, which runs before it, has given
 * it a proxy agent. A proxied request to a cloud behind a private CA keeps
 * that trust: https-proxy-agent opens the TLS connection through the tunnel with the request's
 * options, to which the secure context is added.
 *
 * A request to a public cloud's sign-in host gets the agent of Node's roots instead. Inside VS
 * Code the extra certificates would otherwise be all it trusts: its proxy support sends every
 * request to a host but localhost with the agent's `ca` as the request's only trust, through a
 * proxy or directly, and a public sign-in host's certificate is not among them.
 */
export function sharedAgentPolicy(extraCertificates: readonly string[] | undefined): PipelinePolicy {
  const cloud = shared(extraCertificates);
  const publicHosts = extraCertificates?.length ? shared(undefined) : cloud;
  return {
    name: 'restorePointsSharedAgent',
    sendRequest(request, next) {
      const { agent, secureContext } = publicHosts !== cloud && PUBLIC_SIGN_IN_HOSTS.has(hostOf(request.url)) ? publicHosts : cloud;
      if (!request.agent) request.agent = agent;
      else if (secureContext) request.requestOverrides = { ...request.requestOverrides, secureContext };
      return next(request);
    },
  };
}

/**
 * The shared agent's policy as an SDK client's or credential's `additionalPolicies` entry: at
 * `perRetry`, which the SDK places after its proxy policy, whose choice it must not pre-empt, and
 * after its log policy. At trace level that policy writes the whole request as JSON: given the
 * agent first, it walked the agent's open sockets on every request, 35 ms each with the pool full,
 * which left the extension host unresponsive through a coverage read of a few hundred collections.
 */
export function sharedAgentEntry(extraCertificates: readonly string[] | undefined): { policy: PipelinePolicy; position: 'perRetry' } {
  return { policy: sharedAgentPolicy(extraCertificates), position: 'perRetry' };
}
