import type { ArmRoute, HandlerResult, RequestContext } from '../http/context';
import type { OperationProvider } from '../engine/operations';
import { ArmError } from '../http/errors';

/**
 * The operation status resource behind `Azure-AsyncOperation`, and with `monitor=true` the
 * `Location` monitor: 202 while running, then 200 with the operation's result, if it has one.
 */
function statusHandler(provider: OperationProvider): (ctx: RequestContext) => HandlerResult {
  return (ctx) => {
    const { operations, clock } = ctx.state;
    const op = operations.get(ctx.params.subscriptionId, ctx.params.operationId, provider);
    if (!op) throw new ArmError(404, 'OperationNotFound', `The operation '${ctx.params.operationId}' was not found.`);
    if (ctx.query.get('monitor') !== 'true') return { status: 200, body: operations.statusBody(op) };
    const outcome = op.evaluate(clock.now());
    switch (outcome.status) {
      case 'InProgress':
        return {
          status: 202,
          headers: {
            Location: operations.statusUrl(op, ctx.endpoint, ctx.apiVersion, true),
            'Retry-After': String(clock.retryAfterSeconds(outcome.remainingMs)),
          },
        };
      case 'Failed':
        throw new ArmError(500, outcome.error.code, outcome.error.message);
      default:
        return { status: 200, body: outcome.output };
    }
  };
}

export const operationRoutes: ArmRoute[] = [
  {
    method: 'GET',
    template: '/subscriptions/{subscriptionId}/providers/Microsoft.Compute/locations/{location}/operations/{operationId}',
    family: 'operations',
    scope: 'subscription',
    action: 'Microsoft.Compute/locations/operations/read',
    handler: statusHandler('Microsoft.Compute'),
  },
  {
    method: 'GET',
    template: '/subscriptions/{subscriptionId}/providers/Microsoft.Network/locations/{location}/operations/{operationId}',
    family: 'networkOperations',
    scope: 'subscription',
    action: 'Microsoft.Network/locations/operations/read',
    handler: statusHandler('Microsoft.Network'),
  },
];
