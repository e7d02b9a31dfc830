import * as vscode from 'vscode';
import type { RestorePointsApi } from '../../src/extension';
import { control } from '../integration/helpers';
import { ScriptedPrompter, type ScriptedAnswer } from './scriptedPrompter';

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  /** When the emulator answered (ms since the epoch). */
  time: number;
  /** When the request reached the emulator (ms since the epoch). */
  receivedAt: number;
  tenantId?: string;
  body?: unknown;
}

export const requestLog = async (): Promise<LoggedRequest[]> => (await control<{ value: LoggedRequest[] }>('GET', '/requests')).value;
export const clearRequestLog = (): Promise<unknown> => control('DELETE', '/requests');
/** What changed something in ARM: every ARM request but reads (sign-in's token requests are not ARM's). */
export const writes = async (): Promise<LoggedRequest[]> => (await requestLog()).filter((r) => r.method !== 'GET' && r.path.startsWith('/subscriptions/'));

/** The resource's properties as ARM received them in a PUT body. */
export const sentProperties = (r: LoggedRequest): Record<string, unknown> => (r.body as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};

export interface DriveOptions {
  /** Emulated time added per tick while the command runs, so long-running operations end without real waiting. */
  clockStepMs?: number;
  tickMs?: number;
  /** The test's own prompter for the script (one that changes ARM before it answers, say). */
  prompter?: (script: readonly ScriptedAnswer[]) => ScriptedPrompter;
}

/**
 * Runs a command with a scripted prompter installed through the extension's API and moves the
 * emulator's clock while it runs: the SDK polls more often than the clock moves
 * (activateExtension sets its interval), so an operation is seen to end one tick after it has.
 */
export async function drive<T>(api: RestorePointsApi, command: string, script: readonly ScriptedAnswer[], args: unknown[] = [], options: DriveOptions = {}): Promise<{ result: T | undefined; prompter: ScriptedPrompter }> {
  const prompter = options.prompter?.(script) ?? new ScriptedPrompter(script);
  api.setPrompterForTests(prompter);
  let settled = false;
  const running = Promise.resolve(vscode.commands.executeCommand<T | undefined>(command, ...args)).finally(() => (settled = true));
  try {
    while (!settled) {
      await Promise.race([running.catch(() => undefined), new Promise((r) => setTimeout(r, options.tickMs ?? 150))]);
      if (!settled) await control('POST', '/clock/advance', { ms: options.clockStepMs ?? 5_000 });
    }
    return { result: await running, prompter };
  } finally {
    api.setPrompterForTests(undefined);
  }
}
