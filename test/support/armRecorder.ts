import type { ComputeManagementClient } from '@azure/arm-compute';

export interface RecordedRequest {
  method: string;
  /** Path without the query, as the emulator's request log has it. */
  path: string;
  query: Record<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * What the client sent, bodies included (the emulator's request log has no bodies). Added as a
 * pipeline policy of one client, so only that client's requests are recorded.
 */
export function recordRequests(client: ComputeManagementClient): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  client.pipeline.addPolicy({
    name: 'testRequestRecorder',
    sendRequest: (request, next) => {
      const url = new URL(request.url);
      const body = typeof request.body === 'string' && request.body ? JSON.parse(request.body) : undefined;
      requests.push({ method: request.method, path: url.pathname, query: Object.fromEntries(url.searchParams), body });
      return next(request);
    },
  });
  return requests;
}

/** The writes among them (PUT, PATCH, POST, DELETE), which is what an action is about. */
export const writes = (requests: readonly RecordedRequest[]): RecordedRequest[] => requests.filter((r) => r.method !== 'GET');
