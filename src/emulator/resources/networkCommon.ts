import { randomUUID } from 'node:crypto';
import type { ApiFamily } from '../http/apiVersions';
import type { ArmRoute, Handler, HandlerResult, RequestContext } from '../http/context';
import { page, PAGE_SIZE } from '../http/paging';
import { ArmError, invalidContent, invalidParameter, resourceNotFound } from '../http/errors';
import { Body } from '../http/validation';
import { key } from '../engine/ids';
import { findRegion } from '../data/regions';
import { inScope } from './common';

/**
 * NRP writes are long-running (Azure-AsyncOperation); the emulator finishes them at once, so the
 * answer already reads provisioningState 'Succeeded' and the first poll reports success.
 */
function finishedOperation(ctx: RequestContext, where: { subscriptionId: string; location: string }, location: boolean): Record<string, string> {
  const { operations } = ctx.state;
  const endTime = ctx.now;
  const op = operations.start(where.subscriptionId, where.location, () => ({ status: 'Succeeded', endTime }), 'Microsoft.Network');
  return operations.headers(op, { endpoint: ctx.endpoint, apiVersion: ctx.apiVersion, location });
}

/** PUT's answer: 201 for a new resource, 200 for an update, with Azure-AsyncOperation. */
export function networkWritten(ctx: RequestContext, where: { subscriptionId: string; location: string }, created: boolean, body: unknown): HandlerResult {
  return { status: created ? 201 : 200, body, headers: finishedOperation(ctx, where, false) };
}

/** DELETE's answer: 202 with Azure-AsyncOperation and Location (final state via Location). */
export function networkDeleted(ctx: RequestContext, where: { subscriptionId: string; location: string }): HandlerResult {
  return { status: 202, headers: finishedOperation(ctx, where, true) };
}

export const newEtag = (): string => `W/"${randomUUID()}"`;

export interface LocatedBody {
  body: Body;
  location: string;
  tags?: Record<string, string>;
}

/** The body of a tracked resource's PUT: an object with a known location. */
export function locatedBody(ctx: RequestContext, type: string): LocatedBody {
  if (ctx.body === undefined) throw invalidContent(`a ${type} definition is required.`);
  const body = Body.of(ctx.body);
  const location = body.string('location');
  if (!location) throw new ArmError(400, 'LocationRequired', 'The location property is required for this definition.');
  const region = findRegion(location);
  if (!region) throw invalidParameter(`The location '${location}' is not available for resource type 'Microsoft.Network/${type}'.`, 'location');
  return { body, location: region.name, tags: body.tags() };
}

/** A resource looked up by id, or ARM's 404 naming its type and group. */
export function requireIn<T>(map: Map<string, T>, id: string, type: string, name: string, resourceGroup: string): T {
  const found = map.get(key(id));
  if (!found) throw resourceNotFound(`Microsoft.Network/${type}`, name, resourceGroup);
  return found;
}

/**
 * NRP's answer to a reference it cannot use: missing, or in another region than the resource that
 * refers to it (InvalidResourceReference, 400).
 */
export function invalidReference(referenced: string, by: string): ArmError {
  return new ArmError(400, 'InvalidResourceReference',
    `Resource ${referenced} referenced by resource ${by} was not found. Please make sure that the referenced resource exists, and that both resources are in the same region.`);
}

/** NRP names resources 1-80 characters: letters, digits, '_', '.', '-', starting alphanumeric, ending alphanumeric or '_'. */
const NETWORK_NAME_RULE = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/;

export function checkNetworkName(name: string, parameter: string): void {
  if (!NETWORK_NAME_RULE.test(name)) {
    throw new ArmError(400, 'InvalidResourceName', `Resource name ${name} is invalid. The name can be up to 80 characters long. It must begin with a word character, and it must end with a word character or with '_'. The name may contain word characters or '.', '-', '_'.`, parameter);
  }
}

export interface NetworkResourceRoutes<T> {
  /** The type's path segment and API family: `networkInterfaces`, `publicIPAddresses`, `virtualNetworks`. */
  type: 'networkInterfaces' | 'publicIPAddresses' | 'virtualNetworks';
  family: ApiFamily;
  /** The route parameter that names one resource. */
  nameParam: string;
  items: (ctx: RequestContext) => Map<string, T>;
  render: (ctx: RequestContext, item: T) => unknown;
  /** The named resource, or ARM's 404. */
  get: (ctx: RequestContext) => T;
  put: Handler;
  delete: Handler;
}

/**
 * A tracked network resource's routes, as NRP serves each type: the subscription's list (paged, for
 * anyone who may read the subscription), the group's list, GET, PUT and DELETE of one.
 */
export function networkResourceRoutes<T extends { subscriptionId: string; resourceGroup: string }>(r: NetworkResourceRoutes<T>): { routes: ArmRoute[]; one: string } {
  const base = `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/${r.type}`;
  const one = `${base}/{${r.nameParam}}`;
  const action = (verb: string): string => `Microsoft.Network/${r.type}/${verb}`;
  const list = (ctx: RequestContext, rg?: string): HandlerResult => ({
    status: 200,
    body: page(inScope(r.items(ctx).values(), ctx.params.subscriptionId, rg), ctx, PAGE_SIZE.network, (item) => r.render(ctx, item)),
  });
  const routes: ArmRoute[] = [
    { method: 'GET', template: `/subscriptions/{subscriptionId}/providers/Microsoft.Network/${r.type}`, family: r.family, scope: 'access', action: action('read'), handler: (ctx) => list(ctx) },
    { method: 'GET', template: base, family: r.family, scope: 'resourceGroup', action: action('read'), handler: (ctx) => list(ctx, ctx.params.resourceGroupName) },
    { method: 'GET', template: one, family: r.family, scope: 'resourceGroup', action: action('read'), handler: (ctx) => ({ status: 200, body: r.render(ctx, r.get(ctx)) }) },
    { method: 'PUT', template: one, family: r.family, scope: 'resourceGroup', action: action('write'), handler: r.put },
    { method: 'DELETE', template: one, family: r.family, scope: 'resourceGroup', action: action('delete'), handler: r.delete },
  ];
  return { routes, one };
}
