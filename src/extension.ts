import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { promptOnTokenRejection } from './azure/auth/signInAgain';
import { setLogSink } from './azure/logging';
import { CleanUpRuns } from './commands/cleanUp/cleanUpRuns';
import type { CommandContext } from './commands/commandContext';
import { ReplicationStatusStore } from './commands/copyRestorePoint/replicationStatus';
import { OperationJournal } from './commands/operations/operationJournal';
import { resumeOperations, type ResumedOperation } from './commands/operations/resumeOperations';
import { resumeRuns } from './commands/vmRuns/runNotification';
import type { RunRecord } from './azure/actions/runs/runRecord';
import { setDefaultPollIntervalForTests } from './azure/actions/longRunning';
import { setCloudMetadataTimeoutForTests } from './azure/cloudMetadata';
import { redactedLog } from './commands/redactedLog';
import { registerCommands } from './commands/registerCommands';
import { PROPERTIES_SCHEME, PropertiesDocuments } from './commands/propertiesDocuments';
import type { Prompter } from './commands/wizard/prompter';
import { VSCodePrompter } from './commands/wizard/vscodePrompter';
import { AzureTree } from './tree/AzureTree';
import type { RestorePointsTreeProvider } from './tree/RestorePointsTreeProvider';

/**
 * What activate() returns only when VS Code runs the extension under a test runner
 * (`ExtensionMode.Test`): the seams the tests drive. An installed extension returns nothing: any
 * other extension could otherwise answer the wizards' questions (skipping the delete
 * confirmation), record or remove operations in the journal, or reach the ARM clients through
 * the tree's nodes.
 */
export interface RestorePointsApi {
  readonly treeProvider: RestorePointsTreeProvider;
  /** Long-running operations in progress, kept in the window's workspace state across reloads. */
  readonly operations: OperationJournal;
  /** Wizards ask this prompter instead of QuickPicks and InputBoxes until it is set back to undefined. */
  setPrompterForTests(prompter: Prompter | undefined): void;
  /** How often a copy's replication is read when ARM sends no Retry-After; undefined restores the default. */
  setReplicationIntervalForTests(ms: number | undefined): void;
  /** How often the SDK's pollers read an operation ARM gives no Retry-After for; undefined restores the SDK's default. */
  setPollIntervalForTests(ms: number | undefined): void;
  /** How long Configure Custom Cloud… waits for an endpoint's metadata; undefined restores the 15 seconds its message names. */
  setCloudMetadataTimeoutForTests(ms: number | undefined): void;
  /** Presses Cancel on every clean-up under way: no new delete starts. */
  cancelCleanUpsForTests(): void;
  /** Follows again whatever the journal holds now, as activation does. */
  resumeOperationsForTests(): Promise<ResumedOperation[]>;
  /** Resumes or reports the multi-step runs (restore as a new VM, revert) the journal holds, as activation does. */
  resumeRunsForTests(): Promise<(RunRecord | undefined)[]>;
  /** Settles once the tree has handled the sign-in's session changes delivered so far (redrawn, or found to change nothing). */
  sessionChangesHandledForTests(): Promise<void>;
}

export function activate(context: vscode.ExtensionContext): RestorePointsApi | undefined {
  // src/azure does not import vscode, so its messages (the rules) go through @vscode/l10n: give it
  // the translations VS Code loaded for the display language (none for English).
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const log = redactedLog(vscode.window.createOutputChannel('Restore Points', { log: true }));
  // ARM requests are logged at debug level (one line each) and trace level (the SDK's redacted detail).
  setLogSink(log);
  const replication = new ReplicationStatusStore();
  // The window's own state, not the global one: another window must not follow (and announce) this one's operations.
  const operations = new OperationJournal(context.workspaceState);
  const tree = new AzureTree(context, { operations, replication });
  const properties = new PropertiesDocuments();
  const ui = new VSCodePrompter();
  // A tree view (rather than a registered provider) so that the coverage report can reveal a VM in it.
  const treeView = vscode.window.createTreeView('restorePoints.tree', { treeDataProvider: tree.provider });
  const commandContext: CommandContext = { tree, properties, log, replication, operations, cleanUps: new CleanUpRuns(), prompter: ui, treeView, extensionUri: context.extensionUri };
  if (context.extensionMode !== vscode.ExtensionMode.Production) useDevelopmentPollInterval(commandContext);
  context.subscriptions.push(
    log,
    { dispose: () => setLogSink(undefined) },
    promptOnTokenRejection(),
    tree,
    replication,
    operations,
    treeView,
    properties,
    vscode.workspace.registerTextDocumentContentProvider(PROPERTIES_SCHEME, properties),
    ...registerCommands(commandContext),
  );
  // Operations a reloaded window left running come back with their notifications.
  void resumeOperations(commandContext);
  void resumeRuns(commandContext).catch((error: unknown) => log.error(`Resuming a restore or revert: ${String(error)}`));
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return {
    treeProvider: tree.provider,
    operations,
    resumeOperationsForTests: () => resumeOperations(commandContext),
    cancelCleanUpsForTests: () => commandContext.cleanUps.cancelAll(),
    resumeRunsForTests: () => resumeRuns(commandContext),
    sessionChangesHandledForTests: () => tree.sessionChangesHandled(),
    setPrompterForTests: (prompter) => {
      commandContext.prompter = prompter ?? ui;
    },
    setReplicationIntervalForTests: (ms) => {
      commandContext.replicationIntervalMs = ms;
    },
    setPollIntervalForTests: setDefaultPollIntervalForTests,
    setCloudMetadataTimeoutForTests,
  };
}

/**
 * Under development only (the UI tests run the extension so, against an emulator whose clock they
 * move): RESTORE_POINTS_POLL_INTERVAL_MS replaces the waits between reads of an operation or a
 * copy's replication that ARM gives no Retry-After for. An installed extension never reads it.
 */
function useDevelopmentPollInterval(commandContext: CommandContext): void {
  const ms = Number(process.env.RESTORE_POINTS_POLL_INTERVAL_MS);
  if (!(ms > 0)) return;
  commandContext.replicationIntervalMs = ms;
  setDefaultPollIntervalForTests(ms);
}

export function deactivate(): void {
  // Everything registered is disposed through context.subscriptions.
}
