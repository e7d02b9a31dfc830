import * as vscode from 'vscode';
import { RestorePointsTreeProvider } from './tree/RestorePointsTreeProvider';

export function activate(context: vscode.ExtensionContext): void {
  const tree = new RestorePointsTreeProvider();
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider('restorePoints.tree', tree),
    vscode.commands.registerCommand('restorePoints.refresh', () => tree.refresh()),
  );
}

export function deactivate(): void {
  // Everything registered is disposed through context.subscriptions.
}
