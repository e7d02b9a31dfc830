import type * as vscode from 'vscode';
import type { AzureTree } from '../tree/AzureTree';
import type { PropertiesDocuments } from './viewProperties';

/** What every command gets first: the extension's long-lived pieces. */
export interface CommandContext {
  readonly tree: AzureTree;
  readonly properties: PropertiesDocuments;
  readonly log: vscode.LogOutputChannel;
}
