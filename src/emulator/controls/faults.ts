/** A fault a test asks for on matching requests. */
export interface FaultSpec {
  method?: string;
  /** Matched against the request path (not the query). A string is a case-insensitive regular expression. */
  pathPattern: RegExp | string;
  /** Answer with this status and an ARM error body instead of the real response. */
  status?: number;
  retryAfterSeconds?: number;
  /** Destroy the connection without an answer, before the request is handled. */
  drop?: boolean;
  /**
   * Handle the request (a PUT creates, a DELETE starts deleting), then destroy the connection
   * instead of answering: the change is made but the client never hears of it, as when a response
   * is lost on its way back.
   */
  dropResponse?: boolean;
  /** Wait this long (real time) before answering; alone, it makes a slow but correct response. */
  delayMs?: number;
  /** How many matching requests to affect; unlimited when absent. */
  count?: number;
}

export interface Fault extends FaultSpec {
  id: number;
  pattern: RegExp;
  remaining: number;
}

export class FaultTable {
  private faults: Fault[] = [];
  private nextId = 1;
  /** How many requests a fault has affected since the emulator started (reset does not clear it). */
  applied = 0;

  add(spec: FaultSpec): number {
    const pattern = typeof spec.pathPattern === 'string' ? new RegExp(spec.pathPattern, 'i') : spec.pathPattern;
    if (spec.status !== undefined && (!Number.isInteger(spec.status) || spec.status < 400 || spec.status > 599)) {
      throw new RangeError('fault status must be an HTTP error status (400-599)');
    }
    const fault: Fault = { ...spec, id: this.nextId++, pattern, remaining: spec.count ?? Infinity };
    this.faults.push(fault);
    return fault.id;
  }

  clear(): void {
    this.faults = [];
  }

  /** The faults still waiting for a matching request. */
  pending(): FaultSpec[] {
    return this.faults.map(({ id: _id, pattern: _pattern, remaining, ...spec }) => ({ ...spec, pathPattern: spec.pathPattern.toString(), count: Number.isFinite(remaining) ? remaining : undefined }));
  }

  /** Takes one use of the first fault matching the request, if any. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => f.remaining > 0 && (!f.method || f.method.toUpperCase() === method) && f.pattern.test(path));
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.applied += 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }
}

/** ARM's error codes for the statuses tests inject most. */
export function faultErrorCode(status: number): string {
  switch (status) {
    case 429:
      return 'TooManyRequests';
    case 500:
      return 'InternalServerError';
    case 502:
      return 'BadGateway';
    case 503:
      return 'ServiceUnavailable';
    case 504:
      return 'GatewayTimeout';
    default:
      return 'InjectedFault';
  }
}
