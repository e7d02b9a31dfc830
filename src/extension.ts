import * as vscode from 'vscode';
import { promptOnTokenRejection } from './azure/auth/signInAgain';
import { setLogSink } from './azure/logging';
import type { CommandContext } from './commands/commandContext';
import { ReplicationStatusStore } from './commands/copyRestorePoint/replicationStatus';
import { registerCommands } from './commands/registerCommands';
import { PROPERTIES_SCHEME, PropertiesDocuments } from './commands/viewProperties';
import type { Prompter } from './commands/wizard/prompter';
import { VSCodePrompter } from './commands/wizard/vscodePrompter';
import { AzureTree } from './tree/AzureTree';
import type { RestorePointsTreeProvider } from './tree/RestorePointsTreeProvider';

/** What activate() returns; the integration tests read the tree through it, as VS Code does. */
export interface RestorePointsApi {
  readonly treeProvider: RestorePointsTreeProvider;
  /** Wizards ask this prompter instead of QuickPicks and InputBoxes until it is set back to undefined. */
  setPrompterForTests(prompter: Prompter | undefined): void;
  /** How often a copy's replication is read when ARM sends no Retry-After; undefined restores the default. */
  setReplicationIntervalForTests(ms: number | undefined): void;
}

export function activate(context: vscode.ExtensionContext): RestorePointsApi {
  const log = vscode.window.createOutputChannel('Restore Points', { log: true });
  // ARM requests are logged at debug level (one line each) and trace level (the SDK's redacted detail).
  setLogSink(log);
  const tree = new AzureTree(context);
  const properties = new PropertiesDocuments();
  const ui = new VSCodePrompter();
  const replication = new ReplicationStatusStore();
  const commandContext: CommandContext = { tree, properties, log, replication, prompter: ui };
  context.subscriptions.push(
    log,
    { dispose: () => setLogSink(undefined) },
    promptOnTokenRejection(),
    tree,
    replication,
    vscode.window.registerTreeDataProvider('restorePoints.tree', tree.provider),
    vscode.workspace.registerTextDocumentContentProvider(PROPERTIES_SCHEME, properties),
    ...registerCommands(commandContext),
  );
  return {
    treeProvider: tree.provider,
    setPrompterForTests: (prompter) => {
      commandContext.prompter = prompter ?? ui;
    },
    setReplicationIntervalForTests: (ms) => {
      commandContext.replicationIntervalMs = ms;
    },
  };
}

export function deactivate(): void {
  // Everything registered is disposed through context.subscriptions.
}
