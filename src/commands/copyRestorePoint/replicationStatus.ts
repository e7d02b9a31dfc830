import * as vscode from 'vscode';
import type { ReplicationProgress } from '../../azure/actions/replicationProgress';
import { idKey } from '../../azure/ids';

/**
 * The latest replication progress of the copies being watched, by restore point id, and the
 * status bar item that sums them up. The tree shows it in the copy's description ("Replicating 45%")
 * and redraws that one item whenever it changes.
 */
export class ReplicationStatusStore implements vscode.Disposable {
  private readonly byId = new Map<string, { name: string; progress: ReplicationProgress }>();
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;
  private readonly item = vscode.window.createStatusBarItem('restorePoints.replication', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = vscode.l10n.t('Restore point replication');
  }

  get(restorePointId: string): ReplicationProgress | undefined {
    return this.byId.get(idKey(restorePointId))?.progress;
  }

  update(restorePointId: string, name: string, progress: ReplicationProgress): void {
    this.byId.set(idKey(restorePointId), { name, progress });
    this.changed.fire(restorePointId);
    this.render();
  }

  /** Watching ended (done, failed or stopped): the status bar no longer counts it. */
  forget(restorePointId: string): void {
    this.byId.delete(idKey(restorePointId));
    this.changed.fire(restorePointId);
    this.render();
  }

  private render(): void {
    const watched = [...this.byId.values()].filter((w) => w.progress.state === 'Replicating');
    if (!watched.length) {
      this.item.hide();
      return;
    }
    this.item.text = watched.length === 1 ? `$(sync~spin) ${watched[0].name} ${watched[0].progress.percent}%` : `$(sync~spin) ${vscode.l10n.t('{0} copies replicating', watched.length)}`;
    this.item.tooltip = watched.map((w) => `${w.name}: ${w.progress.percent}%`).join('\n');
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    this.changed.dispose();
  }
}
