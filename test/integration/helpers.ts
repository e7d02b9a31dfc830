import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as vscode from 'vscode';
import type { RestorePointsApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/RestorePointsTreeProvider';
import type { EmulatorAddress } from '../emulator/sdkClients';

export const EXTENSION_ID = 'restore-points-dev.vscode-restore-points';

/** Where the runner's emulator is; only tests read this, never the extension. */
export function emulatorAddress(): EmulatorAddress {
  const raw = process.env.RESTORE_POINTS_TEST_EMULATOR;
  assert.ok(raw, 'RESTORE_POINTS_TEST_EMULATOR is set by the test runner');
  return JSON.parse(raw) as EmulatorAddress;
}

/** Calls one of the emulator's /_emulator/ test controls. */
export function control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const { endpoint, caCertificate } = emulatorAddress();
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<T>((resolve, reject) => {
    const req = https.request(`${endpoint}/_emulator${path}`, { method, ca: fs.readFileSync(caCertificate, 'utf8'), headers: payload ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => ((res.statusCode ?? 0) >= 400 ? reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`)) : resolve((text ? JSON.parse(text) : undefined) as T)));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** How often the tests have the SDK poll a long-running operation. */
const TEST_POLL_INTERVAL_MS = 100;

export async function activateExtension(): Promise<RestorePointsApi> {
  const extension = vscode.extensions.getExtension<RestorePointsApi | undefined>(EXTENSION_ID);
  assert.ok(extension);
  await vscode.commands.executeCommand('workbench.view.extension.restorePoints');
  const api = await extension.activate();
  // The API exists only in ExtensionMode.Test, the mode VS Code gives an extension under a test runner.
  assert.ok(api && typeof api.setPrompterForTests === 'function', 'the extension runs in ExtensionMode.Test, with its test API');
  // ARM's operation status answers carry no Retry-After, so the SDK would read one every 2 s; the
  // tests move the emulator's clock every 150 ms (commandDriver.ts), and a poll soon after each move
  // sees the operation end as soon as the clock says it has.
  api.setPollIntervalForTests(TEST_POLL_INTERVAL_MS);
  return api;
}

/** A node with its tree item, as VS Code sees it. */
export interface Shown {
  node: TreeNode;
  item: vscode.TreeItem;
  label: string;
  description: string;
  icon?: string;
  iconColor?: string;
}

export async function show(api: RestorePointsApi, node: TreeNode): Promise<Shown> {
  const item = await api.treeProvider.getTreeItem(node);
  const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
  const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath : undefined;
  return { node, item, label, description: typeof item.description === 'string' ? item.description : '', icon: icon?.id, iconColor: icon?.color?.id };
}

export async function children(api: RestorePointsApi, node?: TreeNode): Promise<Shown[]> {
  const nodes = (await api.treeProvider.getChildren(node)) ?? [];
  return Promise.all(nodes.map((n) => show(api, n)));
}

export function byLabel(list: Shown[], label: string): Shown {
  const found = list.find((s) => s.label === label);
  assert.ok(found, `"${label}" is among ${JSON.stringify(list.map((s) => s.label))}`);
  return found;
}

/** Waits for something the extension does asynchronously (sign-in events); fails with `what` after a bound. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  const dot = key.indexOf('.');
  await vscode.workspace.getConfiguration(key.slice(0, dot)).update(key.slice(dot + 1), value, vscode.ConfigurationTarget.Global);
}

/** The setting that names a custom cloud's endpoints (the runner points it at the emulator). */
export const CUSTOM_ENVIRONMENT = 'microsoft-sovereign-cloud.customEnvironment';

/** The custom cloud the runner configured, for a test that changes it to write back afterwards. */
export function runnerCustomCloud(): Record<string, string> | undefined {
  return vscode.workspace.getConfiguration('microsoft-sovereign-cloud').inspect<Record<string, string>>('customEnvironment')?.globalValue;
}
