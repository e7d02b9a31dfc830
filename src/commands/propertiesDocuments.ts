import * as vscode from 'vscode';
import { lastSegment } from '../azure/ids';

export const PROPERTIES_SCHEME = 'restorepoints-properties';

/**
 * Read-only JSON of what ARM returns for a node (read when asked: the tree keeps only what it shows), served from memory under a scheme of our own
 * (documents of a scheme without a file system provider cannot be saved over anything).
 */
export class PropertiesDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly documents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private shown = 0;
  /** A dry run of thousands of rows is kept only while its document is open: each run is a new one. */
  private readonly closing = vscode.workspace.onDidCloseTextDocument((d) => {
    if (d.uri.scheme === PROPERTIES_SCHEME && this.texts.delete(d.uri.toString())) this.documents.delete(d.uri.toString());
  });
  /** The documents of showText, which are never shown again once closed. */
  private readonly texts = new Set<string>();

  show(id: string, model: unknown): vscode.Uri {
    // The resource id goes in the query so that the tab title is just the resource's name.
    const uri = vscode.Uri.from({ scheme: PROPERTIES_SCHEME, path: `/${lastSegment(id)}.json`, query: id });
    this.documents.set(uri.toString(), JSON.stringify(model, null, 2));
    this.changed.fire(uri);
    return uri;
  }

  /** Any read-only text (a clean-up's dry run or report); each call is a document of its own. */
  showText(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PROPERTIES_SCHEME, path: `/${name}`, query: String(++this.shown) });
    this.documents.set(uri.toString(), text);
    this.texts.add(uri.toString());
    return uri;
  }

  dispose(): void {
    this.closing.dispose();
    this.changed.dispose();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.documents.get(uri.toString()) ?? '{}';
  }
}
