import * as https from 'node:https';
import * as tls from 'node:tls';

const agents = new Map<string, https.Agent>();

/**
 * For a cloud behind a private CA, one HTTPS agent shared by every ARM client and by the sign-in
 * credential, with one TLS secure context built once. Passing `ca` alone makes Node build a secure
 * context, parsing every root certificate, for each new connection; inside VS Code's extension host
 * every request is a new connection (its proxy support sends `Connection: close`), and that parsing
 * cost about 35 ms of CPU and a megabyte of native memory per request. The agent's `ca` is only the
 * extra certificates: Node ignores it when a secure context is given, but VS Code's proxy patch needs
 * one to leave the request's trust alone, and the agent serializes it into its socket pool key on
 * every request. Undefined when no extra certificate is needed (Node's and VS Code's defaults apply).
 */
export function sharedHttpsAgent(extraCertificates: readonly string[] | undefined): https.Agent | undefined {
  if (!extraCertificates?.length) return undefined;
  const key = extraCertificates.join('\n');
  let agent = agents.get(key);
  if (!agent) {
    // A `ca` replaces Node's roots, so the built-in ones go along.
    const secureContext = tls.createSecureContext({ ca: [...tls.rootCertificates, ...extraCertificates] });
    // Up to 128 reads go at once (clients.ts); once a burst is over, a few idle connections are
    // enough to keep, and each kept TLS connection holds its buffers.
    agent = new https.Agent({ keepAlive: true, maxFreeSockets: 16, ca: [...extraCertificates], secureContext });
    agents.set(key, agent);
  }
  return agent;
}
