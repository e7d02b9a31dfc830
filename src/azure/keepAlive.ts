import type { PipelinePolicy } from '@azure/core-rest-pipeline';

/**
 * Asks for the connection to be kept open after each ARM request. Inside VS Code, its proxy support
 * (`http.proxySupport`, "override" by default) gives every request an agent of its own that does
 * not keep connections alive (microsoft/vscode#228872), so Node sends `Connection: close` and every
 * request pays for a new TLS connection. For a direct connection that agent hands the request on to
 * a keep-alive pool: the one it came with (ours, httpsAgent.ts) for localhost, Node's global agent
 * for other hosts; an explicit `Connection: keep-alive` makes Node leave the socket open and give it
 * back to that pool. It is HTTP/1.1's default, so outside VS Code nothing changes.
 */
export const keepAlivePolicy: PipelinePolicy = {
  name: 'restorePointsKeepAlive',
  sendRequest(request, next) {
    if (!request.headers.has('connection')) request.headers.set('Connection', 'keep-alive');
    return next(request);
  },
};
