import * as vscode from 'vscode';
import type { CoverageReport } from '../../azure/coverage';
import { coverageHtml, pageStrings } from './coverageHtml';
import { viewRowOf } from './coverageSelection';

/** What the page asks of the extension. */
export type PageMessage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'reveal'; vmId: string }
  | { type: 'export'; format: 'csv' | 'markdown' }
  | { type: 'cleanUp'; vmIds: string[] };

export interface ShownReport {
  report: CoverageReport;
  /** Subscription id → display name. */
  names: Record<string, string>;
}

/**
 * The report page: one panel, reused. `retainContextWhenHidden` stays off (VS Code's advice: it
 * costs memory while hidden); a page shown again starts over, asks for the rows with `ready`, and
 * takes its sort, filter and selection back from its own saved state (`setState`).
 */
export class CoveragePanel implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private shown?: ShownReport;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onMessage: (message: PageMessage) => unknown,
  ) {}

  show(shown: ShownReport): void {
    this.shown = shown;
    if (this.panel) {
      this.panel.reveal(undefined, false);
      this.post();
      return;
    }
    const panel = vscode.window.createWebviewPanel('restorePoints.coverage', vscode.l10n.t('Restore Point Coverage'), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media', 'coverage')],
    });
    panel.webview.html = coverageHtml(panel.webview, this.extensionUri);
    panel.webview.onDidReceiveMessage((message: PageMessage) => (message.type === 'ready' ? this.post() : this.onMessage(message)));
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    this.panel = panel;
  }

  /** The page shows a banner: what it lists has changed in Azure since it was read. */
  outdated(): void {
    void this.panel?.webview.postMessage({ type: 'outdated' });
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  private post(): void {
    if (!this.panel || !this.shown) return;
    const { report, names } = this.shown;
    void this.panel.webview.postMessage({
      type: 'report',
      strings: pageStrings(),
      names,
      readAt: report.readAt,
      staleAfterDays: report.staleAfterDays,
      unreadable: report.unreadableSubscriptions.map((u) => names[u.subscriptionId] ?? u.subscriptionId),
      rows: report.rows.map(viewRowOf),
    });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
