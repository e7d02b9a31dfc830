import { ArmError, methodNotAllowed, notFoundRoute } from './errors';

export type Params = Record<string, string>;

interface CompiledRoute<H> {
  method: string;
  regex: RegExp;
  names: string[];
  handler: H;
}

export interface RouteMatch<H> {
  handler: H;
  params: Params;
}

/**
 * Maps ARM path templates (`/subscriptions/{subscriptionId}/...`) to handlers. ARM treats
 * path segments case-insensitively, so matching does too; parameter values keep their case.
 */
export class Router<H> {
  private readonly routes: CompiledRoute<H>[] = [];

  add(method: string, template: string, handler: H): this {
    const names: string[] = [];
    const source = template
      .split('/')
      .map((segment) => {
        const param = /^\{(\w+)\}$/.exec(segment);
        if (param) {
          names.push(param[1]);
          return '([^/]+)';
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.routes.push({ method: method.toUpperCase(), regex: new RegExp(`^${source}/?$`, 'i'), names, handler });
    return this;
  }

  /** Throws ARM's 404/405 when nothing matches, so callers only handle the happy path. */
  match(method: string, path: string): RouteMatch<H> {
    let pathKnown = false;
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      pathKnown = true;
      if (route.method !== method.toUpperCase()) continue;
      const params: Params = {};
      route.names.forEach((name, i) => {
        params[name] = safeDecode(m[i + 1]);
      });
      return { handler: route.handler, params };
    }
    throw pathKnown ? methodNotAllowed(method, path) : notFoundRoute(path);
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new ArmError(400, 'InvalidRequestUri', `The request path segment '${value}' is not valid percent-encoding.`);
  }
}
