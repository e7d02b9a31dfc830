import type * as vscode from 'vscode';
import type { AzureTree } from '../tree/AzureTree';
import type { TreeNode } from '../tree/RestorePointsTreeProvider';
import type { CleanUpRuns } from './cleanUp/cleanUpRuns';
import type { ReplicationStatusStore } from './copyRestorePoint/replicationStatus';
import type { OperationJournal } from './operations/operationJournal';
import type { PropertiesDocuments } from './propertiesDocuments';
import type { Prompter } from './wizard/prompter';

/** What every command gets first: the extension's long-lived pieces. */
export interface CommandContext {
  readonly tree: AzureTree;
  readonly properties: PropertiesDocuments;
  readonly log: vscode.LogOutputChannel;
  /** Copies being watched; the status bar and the tree read it. */
  readonly replication: ReplicationStatusStore;
  /** Long-running operations ARM accepted, kept across window reloads; the tree reads it too. */
  readonly operations: OperationJournal;
  /** Clean-ups under way, which Cancel stops starting deletes. */
  readonly cleanUps: CleanUpRuns;
  /** Wait between replication reads (and reads of a resumed operation) when ARM sends no Retry-After; tests shorten it. */
  replicationIntervalMs?: number;
  /** How wizards ask; the integration tests swap in a scripted one through the extension's API. */
  prompter: Prompter;
  /** The Restore Points view, where the coverage report reveals a VM. */
  readonly treeView?: vscode.TreeView<TreeNode>;
  /** Where the extension's media are: the coverage report's script and styles. */
  readonly extensionUri?: vscode.Uri;
}
