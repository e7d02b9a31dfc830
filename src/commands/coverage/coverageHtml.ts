import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { COVERAGE_FLAGS, MAX_RESTORE_POINTS_PER_VM } from '../../azure/rules/coverageFlags';
import { flagLabel } from './coverageExport';

/** The page's words, in the display language: the script only places them. */
export function pageStrings(): Record<string, string> {
  return {
    refresh: vscode.l10n.t('Refresh'),
    exportCsv: vscode.l10n.t('Export CSV…'),
    exportMarkdown: vscode.l10n.t('Export Markdown…'),
    cleanUp: vscode.l10n.t('Clean Up Restore Points…'),
    filter: vscode.l10n.t('Filter by name, subscription or location'),
    allFlags: vscode.l10n.t('All VMs'),
    anyFlag: vscode.l10n.t('Any flag'),
    unflagged: vscode.l10n.t('No flag'),
    vm: vscode.l10n.t('VM'),
    subscription: vscode.l10n.t('Subscription'),
    location: vscode.l10n.t('Location'),
    restorePoints: vscode.l10n.t('Restore points'),
    newest: vscode.l10n.t('Newest'),
    newestSucceeded: vscode.l10n.t('Newest succeeded'),
    copy: vscode.l10n.t('Cross-region copy'),
    flags: vscode.l10n.t('Flags'),
    limit: String(MAX_RESTORE_POINTS_PER_VM),
    readAgo: vscode.l10n.t('Read {0} ago'),
    justNow: vscode.l10n.t('Read just now'),
    minutes: vscode.l10n.t('{0} min'),
    hours: vscode.l10n.t('{0} h'),
    days: vscode.l10n.t('{0} d'),
    ago: vscode.l10n.t('{0} ago'),
    shown: vscode.l10n.t('{0} of {1} VMs'),
    selected: vscode.l10n.t('{0} selected'),
    showMore: vscode.l10n.t('Show more'),
    loading: vscode.l10n.t('Reading restore points…'),
    outdated: vscode.l10n.t('Restore points were deleted since this was read: Refresh to see them gone.'),
    histogram: vscode.l10n.t('Age of the newest restore point that succeeded'),
    histogramNone: vscode.l10n.t('none'),
    staleAfter: vscode.l10n.t('Stale after {0} days (setting restorePoints.coverage.staleAfterDays)'),
    notRead: vscode.l10n.t('Not read: {0}'),
    revealTitle: vscode.l10n.t('Show in the Restore Points view'),
    selectAll: vscode.l10n.t('Select every VM shown'),
    ...Object.fromEntries(COVERAGE_FLAGS.map((f) => [`flag.${f}`, flagLabel(f)])),
  };
}

/**
 * The page's frame, per VS Code's webview guidance: a Content Security Policy that allows only the
 * extension's own script (with a fresh nonce) and stylesheet, nothing remote; colours come from the
 * theme's CSS variables in the stylesheet. The rows arrive by message once the script is ready.
 */
export function coverageHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const media = (name: string): vscode.Uri => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'coverage', name));
  const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`, `img-src ${webview.cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('coverage.css').toString()}">
<title>${escapeHtml(vscode.l10n.t('Restore Point Coverage'))}</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${media('coverage.js').toString()}"></script>
</body>
</html>`;
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
