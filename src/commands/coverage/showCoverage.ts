import * as vscode from 'vscode';
import type { SubscriptionInfo } from '../../azure/arm';
import type { AzureSignIn } from '../../azure/auth/signIn';
import { readCoverage, type CoverageProgress, type CoverageReport } from '../../azure/coverage';
import { redact } from '../../azure/logging';
import { staleAfterDaysOf } from '../../azure/rules/coverageFlags';
import { subscriptionKey } from '../../tree/AzureTree';
import { SubscriptionItem } from '../../tree/nodes/SubscriptionItem';
import type { TreeNode } from '../../tree/RestorePointsTreeProvider';
import { findVmItem } from '../../tree/revealVm';
import { cleanUpCollections } from '../cleanUp/cleanUpRestorePoints';
import type { CommandContext } from '../commandContext';
import { reportFailure } from '../errorHandling';
import { BACK } from '../wizard/prompter';
import { coverageCsv, coverageMarkdown, type ExportFormat } from './coverageExport';
import { CoveragePanel, type PageMessage, type ShownReport } from './coveragePanel';
import { cleanUpTargetsOf } from './coverageSelection';

/** A report and the subscriptions it covers, kept until refreshed: opening the report again shows it with its age. */
interface CachedReport extends ShownReport {
  subscriptions: SubscriptionInfo[];
  /** Who was signed in when it was read. */
  identity: string;
}

/** Per window: the reports read, by the subscriptions they cover, and the page showing one. */
class Coverage {
  readonly cache = new Map<string, CachedReport>();
  current?: CachedReport;
  private panel?: CoveragePanel;
  /** The sign-in whose changes drop the kept reports (a change of sign-in settings makes a new one). */
  private watched?: { signIn: AzureSignIn; listener: vscode.Disposable };
  /** Sign-in changes VS Code has delivered whose handling (asking who is signed in now) is still under way. */
  private readonly changesInHand = new Set<Promise<void>>();
  /** Sign-in changes delivered so far: a read that saw one happen cannot tell a key-less sign-in stayed the same. */
  signInChanges = 0;

  constructor(private readonly context: CommandContext) {}

  /**
   * Who is signed in ('' when it cannot be told); from now on, signing out or in again drops what
   * was read before. Asked only once the sign-in changes already delivered are handled, so a
   * command starts from the reports those changes left. A change during a read is checked after it
   * (`showCoverageOf`).
   */
  async identity(): Promise<string> {
    const signIn = this.context.tree.signIn;
    if (this.watched?.signIn !== signIn) {
      if (this.watched) await this.forget();
      this.watched?.listener.dispose();
      this.watched = {
        signIn,
        listener: signIn.onDidChange(() => {
          this.signInChanges += 1;
          this.handle(this.signInChanged(signIn));
        }),
      };
    }
    await Promise.all(this.changesInHand);
    return (await signIn.identity?.().catch(() => undefined)) ?? '';
  }

  private handle(change: Promise<void>): void {
    const handled = change.catch((error: unknown) => this.context.log.warn(redact(`Coverage: handling a change of sign-in: ${String(error)}`)));
    this.changesInHand.add(handled);
    void handled.finally(() => this.changesInHand.delete(handled));
  }

  /**
   * A sign-in with no key for who is signed in (a service principal, the Azure CLI) may come back
   * as someone else after any change, so every change drops the kept reports; otherwise those read
   * for another identity go, and signing out (identity '') drops them all.
   */
  private async signInChanged(signIn: AzureSignIn): Promise<void> {
    const identity = await signIn.identity?.().catch(() => undefined);
    if (identity === undefined || identity === '') return this.forget();
    for (const [key, cached] of this.cache) if (cached.identity !== identity) this.cache.delete(key);
    await this.currentFor(identity);
  }

  private async forget(): Promise<void> {
    this.cache.clear();
    await this.drop();
  }

  /** The page closes: Export and its buttons would otherwise serve a report the signed-in user may not see. */
  private async drop(): Promise<void> {
    if (!this.current) return;
    this.current = undefined;
    this.panel?.dispose();
    await vscode.commands.executeCommand('setContext', 'restorePoints.coverageRead', false);
  }

  /**
   * The report on screen, if it was read for whoever is signed in now. After a switch of account the
   * previous account's report is dropped and its page closed.
   */
  async currentFor(identity: string): Promise<CachedReport | undefined> {
    if (this.current && this.current.identity !== identity) await this.drop();
    return this.current;
  }

  show(cached: CachedReport): void {
    this.current = cached;
    this.panel ??= new CoveragePanel(this.context.extensionUri ?? vscode.Uri.file(__dirname), (m) => this.onMessage(m));
    this.panel.show(cached);
    void vscode.commands.executeCommand('setContext', 'restorePoints.coverageRead', true);
  }

  private async onMessage(message: PageMessage): Promise<void> {
    const id = `restorePoints.coverage.${message.type}`;
    try {
      if (!(await this.currentFor(await this.identity()))) return;
      if (message.type === 'refresh' && this.current) await showCoverageOf(this.context, this.current.subscriptions, true);
      if (message.type === 'reveal') await revealVm(this.context, message.vmId);
      if (message.type === 'export') await exportCoverage(this.context, message.format);
      if (message.type === 'cleanUp' && this.current) {
        const report = await cleanUpCollections(this.context, cleanUpTargetsOf(this.current.report.rows, message.vmIds));
        if (report.deleted.length) this.panel?.outdated();
      }
    } catch (error) {
      if (error instanceof Error && (error.name === 'UserCancelledError' || error.name === 'AbortError')) return;
      reportFailure(this.context.log, id, error);
    }
  }
}

const perWindow = new WeakMap<CommandContext, Coverage>();
const coverageOf = (context: CommandContext): Coverage => {
  let coverage = perWindow.get(context);
  if (!coverage) perWindow.set(context, (coverage = new Coverage(context)));
  return coverage;
};

const identityOf = (context: CommandContext): Promise<string> => coverageOf(context).identity();

/** Who is signed in and which subscriptions: a report read for one account is never shown to another. */
const scopeKey = (identity: string, subscriptions: readonly SubscriptionInfo[]): string =>
  `${identity}|${subscriptions.map((s) => subscriptionKey(s).toLowerCase()).sort().join(',')}`;

/** A subscription's item: that one; otherwise every subscription the view shows (the tenant and subscription filters apply). */
async function subscriptionsFor(context: CommandContext, node: TreeNode | undefined): Promise<SubscriptionInfo[]> {
  if (node instanceof SubscriptionItem) return [node.subscription];
  const roots = (await context.tree.provider.getChildren()) ?? [];
  const seen = new Set<string>();
  return roots.filter((n): n is SubscriptionItem => n instanceof SubscriptionItem).map((n) => n.subscription).filter((s) => !seen.has(s.subscriptionId) && seen.add(s.subscriptionId));
}

function progressMessage(p: CoverageProgress): string {
  if (!p.total) return vscode.l10n.t('{0} VMs listed', p.virtualMachines);
  return vscode.l10n.t('{0} of {1} collections read, {2} a second', p.done, p.total, Math.round(p.rate));
}

/** Reads the report with a cancellable notification that counts collections and their rate. */
function readWithProgress(context: CommandContext, subscriptions: SubscriptionInfo[]): Thenable<CoverageReport> {
  const staleAfterDays = staleAfterDaysOf(vscode.workspace.getConfiguration('restorePoints').get('coverage.staleAfterDays'));
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Restore point coverage'), cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    let percent = 0;
    let lastReport = 0;
    return readCoverage(context.tree.factory, subscriptions, {
      staleAfterDays,
      now: () => Date.now(),
      abortSignal: controller.signal,
      onProgress: (p) => {
        // A few updates a second: thousands of collections would otherwise flood the notification.
        const now = Date.now();
        if (now - lastReport < 200 && p.done !== p.total) return;
        lastReport = now;
        const reached = p.total ? (p.done / p.total) * 100 : 0;
        progress.report({ message: progressMessage(p), increment: reached - percent });
        percent = reached;
      },
    });
  });
}

async function showCoverageOf(context: CommandContext, subscriptions: SubscriptionInfo[], reread: boolean): Promise<CoverageReport> {
  const coverage = coverageOf(context);
  const identity = await identityOf(context);
  const key = scopeKey(identity, subscriptions);
  const cached = coverage.cache.get(key);
  if (cached && !reread) {
    coverage.show(cached);
    return cached.report;
  }
  const changesBefore = coverage.signInChanges;
  const report = await readWithProgress(context, subscriptions);
  // Signed out or in as someone else while it was read: what was read is not for whoever is signed in now.
  const identityNow = await identityOf(context);
  if (identityNow !== identity || (identity === '' && coverage.signInChanges !== changesBefore)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The sign-in changed while the coverage report was read, so it is not shown. Run Show Restore Point Coverage… again.'));
    return report;
  }
  const names = Object.fromEntries(subscriptions.map((s) => [s.subscriptionId, s.displayName]));
  // The "not read" flag and the page's list of unreadable subscriptions point to the log for ARM's reason.
  for (const u of report.unreadCollections) context.log.warn(redact(`Coverage: could not read the restore point collection ${u.collectionId}: ${u.message}`));
  for (const u of report.unreadableSubscriptions) context.log.warn(redact(`Coverage: could not list the VMs and collections of subscription ${names[u.subscriptionId] ?? ''} (${u.subscriptionId}): ${u.message}`));
  const read: CachedReport = { report, names, subscriptions, identity };
  coverage.cache.set(key, read);
  coverage.show(read);
  return report;
}

/**
 * Show Restore Point Coverage…: every VM of the subscriptions the view shows (or of the
 * subscription it was run on) with its newest restore point, count and copy, flagged. A report
 * read before for the same subscriptions is shown again with its age; its Refresh reads anew.
 * Returns the report (the integration tests read the flags from it).
 */
export async function showCoverage(context: CommandContext, node?: TreeNode): Promise<CoverageReport> {
  const subscriptions = await subscriptionsFor(context, node);
  if (!subscriptions.length) throw new Error(vscode.l10n.t('No subscription to report on: sign in and select subscriptions in the Restore Points view first.'));
  return showCoverageOf(context, subscriptions, false);
}

/** Export Restore Point Coverage…: the report on screen as CSV or Markdown, where the user chooses. Returns the file's path. */
export async function exportCoverage(context: CommandContext, format?: ExportFormat): Promise<string | undefined> {
  const current = await coverageOf(context).currentFor(await identityOf(context));
  if (!current) throw new Error(vscode.l10n.t('No coverage report yet: run Show Restore Point Coverage… first.'));
  const title = vscode.l10n.t('Export Restore Point Coverage');
  let chosen = format;
  if (!chosen) {
    const picked = await context.prompter.pickOne<ExportFormat>({
      title,
      placeholder: vscode.l10n.t('Format'),
      items: [
        { label: vscode.l10n.t('CSV'), description: vscode.l10n.t('for a spreadsheet'), value: 'csv' },
        { label: vscode.l10n.t('Markdown'), description: vscode.l10n.t('a table for a wiki or a ticket'), value: 'markdown' },
      ],
    });
    if (picked === BACK) return undefined;
    chosen = picked;
  }
  const extension = chosen === 'csv' ? 'csv' : 'md';
  const stamp = new Date(current.report.readAt).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const path = await context.prompter.saveLocation({
    title,
    defaultName: `restore-point-coverage-${stamp}.${extension}`,
    filters: chosen === 'csv' ? { [vscode.l10n.t('CSV')]: ['csv'] } : { [vscode.l10n.t('Markdown')]: ['md'] },
  });
  if (path === BACK) return undefined;
  const name = (id: string): string => current.names[id] ?? id;
  const text = chosen === 'csv' ? coverageCsv(current.report, name) : coverageMarkdown(current.report, name);
  await vscode.workspace.fs.writeFile(vscode.Uri.file(path), new TextEncoder().encode(text));
  void vscode.window.showInformationMessage(vscode.l10n.t('Coverage of {0} VMs saved to {1}.', current.report.rows.length, path));
  return path;
}

/** Shows the VM in the Restore Points view, selected; says so when the view does not list it. */
export async function revealVm(context: CommandContext, vmId: string): Promise<TreeNode | undefined> {
  const item = await findVmItem(context.tree.provider, vmId);
  if (!item) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The Restore Points view does not list this VM: its subscription is not selected, or the VM is gone. Refresh the view and try again.'));
    return undefined;
  }
  await context.treeView?.reveal(item, { select: true, focus: true, expand: true });
  return item;
}
