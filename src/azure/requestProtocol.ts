import type { PipelinePolicy } from '@azure/core-rest-pipeline';

/**
 * Names the request's protocol (`https:`) in the options the SDK gives `https.request`, which
 * otherwise carry only host, port and path. Node infers the same protocol itself, so nothing about
 * the request changes; what changes is the agents built on `agent-base`: VS Code's proxy agent
 * (every request in the extension host under `http.proxySupport` "override", @vscode/proxy-agent)
 * and the SDK's HTTPS_PROXY agent. Given no protocol, agent-base 7 (dist/index.js `isSecureEndpoint`)
 * tells an HTTPS request from an HTTP one by capturing a stack trace and searching it for
 * `node:https`, twice per request. VS Code's agent then guesses nothing; the SDK's HTTPS_PROXY agent
 * still guesses its own `protocol` and `defaultPort` that way when Node reads them, which no
 * request option spares. In the extension host VS Code formats every stack trace for
 * its extension error reporting, so the 15,000 reads of the fleet's coverage report spent 4–5.5 s
 * on it, and the extension host's CPU time for the read fell from 23–25.5 s to 18–19 s once the
 * protocol was named (profiled with `RESTORE_POINTS_BENCH_CPU_PROFILE`, test/bench/cpuProfile.ts).
 */
export const requestProtocolPolicy: PipelinePolicy = {
  name: 'restorePointsRequestProtocol',
  sendRequest(request, next) {
    const protocol = request.url.slice(0, request.url.indexOf(':') + 1).toLowerCase();
    if (request.requestOverrides?.protocol === undefined && (protocol === 'https:' || protocol === 'http:')) {
      request.requestOverrides = { ...request.requestOverrides, protocol };
    }
    return next(request);
  },
};

/** The policy as an ARM client's or credential's `additionalPolicies` entry. */
export const requestProtocolEntry = { policy: requestProtocolPolicy, position: 'perCall' } as const;
