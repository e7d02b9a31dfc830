import type * as vscode from 'vscode';
import { redact } from '../azure/logging';

const WRITERS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

const clean = (value: unknown): unknown => (typeof value === 'string' ? redact(value) : value instanceof Error ? redact(value.stack ?? `${value.name}: ${value.message}`) : value);

/**
 * The log output channel as every part of the extension writes to it: whatever a line holds (an
 * ARM message, an error's stack, a future call), redact() takes tokens and secrets out on the way in.
 */
export function redactedLog(channel: vscode.LogOutputChannel): vscode.LogOutputChannel {
  return new Proxy(channel, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (typeof property === 'string' && WRITERS.has(property)) {
        return (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(target, args.map(clean));
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}
