import { randomUUID } from 'node:crypto';
import type { Clock } from './clock';

export type OperationOutcome =
  | { status: 'InProgress'; remainingMs: number }
  | { status: 'Succeeded'; endTime: number; output?: unknown }
  | { status: 'Failed'; endTime: number; error: { code: string; message: string } };

export type OperationProvider = 'Microsoft.Compute' | 'Microsoft.Network';

export interface Operation {
  id: string;
  /** Whose `locations/{location}/operations` URL the status lives at. */
  provider: OperationProvider;
  subscriptionId: string;
  location: string;
  startTime: number;
  /** Decides the state from the clock and the resources, so nothing has to be scheduled. */
  evaluate(now: number): OperationOutcome;
}

export interface AsyncHeadersOptions {
  endpoint: string;
  apiVersion: string;
  /** Add a `Location` header (DiskRP and deletes use it; final-state-via location). */
  location: boolean;
}

/** Long-running operations as ARM exposes them: a status resource and a Location monitor. */
export class OperationEngine {
  private readonly operations = new Map<string, Operation>();

  constructor(private readonly clock: Clock) {}

  clear(): void {
    this.operations.clear();
  }

  start(subscriptionId: string, location: string, evaluate: (now: number) => OperationOutcome, provider: OperationProvider = 'Microsoft.Compute'): Operation {
    const op: Operation = { id: randomUUID(), provider, subscriptionId, location, startTime: this.clock.now(), evaluate };
    this.operations.set(op.id, op);
    return op;
  }

  get(subscriptionId: string, operationId: string, provider: OperationProvider = 'Microsoft.Compute'): Operation | undefined {
    const op = this.operations.get(operationId.toLowerCase());
    return op && op.provider === provider && op.subscriptionId.toLowerCase() === subscriptionId.toLowerCase() ? op : undefined;
  }

  statusUrl(op: Operation, endpoint: string, apiVersion: string, monitor: boolean): string {
    const base = `${endpoint}/subscriptions/${op.subscriptionId}/providers/${op.provider}/locations/${op.location}/operations/${op.id}`;
    return `${base}?${monitor ? 'monitor=true&' : ''}api-version=${apiVersion}`;
  }

  headers(op: Operation, options: AsyncHeadersOptions): Record<string, string> {
    const outcome = op.evaluate(this.clock.now());
    const headers: Record<string, string> = {
      'Azure-AsyncOperation': this.statusUrl(op, options.endpoint, options.apiVersion, false),
      'Retry-After': String(this.clock.retryAfterSeconds(outcome.status === 'InProgress' ? outcome.remainingMs : 0)),
    };
    if (options.location) headers['Location'] = this.statusUrl(op, options.endpoint, options.apiVersion, true);
    return headers;
  }

  /** The operation status resource (`Azure-AsyncOperation`). */
  statusBody(op: Operation): Record<string, unknown> {
    const outcome = op.evaluate(this.clock.now());
    const body: Record<string, unknown> = {
      name: op.id,
      status: outcome.status,
      startTime: new Date(op.startTime).toISOString(),
    };
    if (outcome.status !== 'InProgress') body.endTime = new Date(outcome.endTime).toISOString();
    if (outcome.status === 'Failed') body.error = { code: outcome.error.code, message: outcome.error.message, details: [] };
    if (outcome.status === 'Succeeded' && outcome.output !== undefined) body.properties = { output: outcome.output };
    return body;
  }
}
