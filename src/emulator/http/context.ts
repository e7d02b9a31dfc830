import type { EmulatorState } from '../engine/state';
import type { ApiFamily } from './apiVersions';
import type { Params } from './router';

export interface Caller {
  clientId: string;
  objectId: string;
  tenantId: string;
}

export interface RequestContext {
  method: string;
  path: string;
  query: URLSearchParams;
  params: Params;
  apiVersion: string;
  /** `https://127.0.0.1:<port>`, for ids that are URLs (nextLink, operation status). */
  endpoint: string;
  caller: Caller;
  state: EmulatorState;
  now: number;
  /** The parsed JSON body, or undefined when the request had none. */
  body: unknown;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => HandlerResult;

/**
 * What the pipeline checks before a handler runs: `subscription` (exists and belongs to the
 * caller's tenant), `access` (also readable by the caller, else 403), `resourceGroup` (also exists).
 */
export type Scope = 'tenant' | 'subscription' | 'access' | 'resourceGroup';

export interface ArmRoute {
  method: 'GET' | 'PUT' | 'PATCH' | 'DELETE' | 'POST';
  template: string;
  family: ApiFamily;
  scope: Scope;
  /** The RBAC action ARM would check, named in 403 messages. */
  action: string;
  handler: Handler;
}
