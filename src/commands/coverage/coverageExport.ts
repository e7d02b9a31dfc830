import * as l10n from '@vscode/l10n';
import type { CoverageReport, CoverageRow } from '../../azure/coverage';
import { COVERAGE_FLAGS, MAX_RESTORE_POINTS_PER_VM, type CoverageFlag } from '../../azure/rules/coverageFlags';

/*
 * The coverage report as CSV and Markdown. No `vscode` import (the runtime strings go through
 * @vscode/l10n, which the extension gives VS Code's bundle): the formatting is tested in plain Node.
 */

export type ExportFormat = 'csv' | 'markdown';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export function flagLabel(flag: CoverageFlag): string {
  switch (flag) {
    case 'none':
      return l10n.t('no restore point');
    case 'stale':
      return l10n.t('stale');
    case 'failed':
      return l10n.t('newest failed');
    case 'nearLimit':
      return l10n.t('near the limit');
    case 'unread':
      return l10n.t('not read');
  }
}

/** "2026-11-26 11:13": the header says the times are UTC. */
export const utcMinute = (at: number | undefined): string => (at === undefined ? '' : new Date(at).toISOString().slice(0, 16).replace('T', ' '));

/** Age in whole days, to one decimal below ten days: what the stale setting is compared with. */
export function ageDays(at: number | undefined, now: number): string {
  if (at === undefined) return '';
  const days = Math.max(0, now - at) / DAY_MS;
  return days < 10 ? days.toFixed(1) : String(Math.floor(days));
}

/** The table's columns, in order, each with how a row fills it. */
function columns(report: CoverageReport, subscriptionName: (id: string) => string): { header: string; cell: (row: CoverageRow) => string | number }[] {
  const now = report.readAt;
  return [
    { header: l10n.t('VM'), cell: (r) => r.name },
    { header: l10n.t('Subscription'), cell: (r) => subscriptionName(r.subscriptionId) },
    { header: l10n.t('Location'), cell: (r) => r.location },
    { header: l10n.t('Restore points (of {0})', MAX_RESTORE_POINTS_PER_VM), cell: (r) => r.restorePoints },
    { header: l10n.t('Newest (UTC)'), cell: (r) => utcMinute(r.newestAt) },
    { header: l10n.t('Newest state'), cell: (r) => r.newestState ?? '' },
    { header: l10n.t('Newest succeeded (UTC)'), cell: (r) => utcMinute(r.newestSucceededAt) },
    { header: l10n.t('Newest succeeded, days old'), cell: (r) => ageDays(r.newestSucceededAt, now) },
    { header: l10n.t('Copy location'), cell: (r) => r.copy?.location ?? '' },
    { header: l10n.t('Newest copy (UTC)'), cell: (r) => utcMinute(r.copy?.at) },
    { header: l10n.t('Newest copy state'), cell: (r) => r.copy?.state ?? '' },
    { header: l10n.t('Flags'), cell: (r) => r.flags.map(flagLabel).join('; ') },
    { header: l10n.t('VM resource ID'), cell: (r) => r.vmId },
  ];
}

/**
 * RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled. A text field
 * that a spreadsheet would take for a formula (=, +, -, @, or a tab or carriage return first) gets
 * a leading apostrophe, so opening the file never runs one (names and ARM's states are user data).
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One header line, one line per row, CRLF line ends as RFC 4180 has them. */
export function coverageCsv(report: CoverageReport, subscriptionName: (id: string) => string = (id) => id): string {
  const cols = columns(report, subscriptionName);
  const lines = [cols.map((c) => csvField(c.header)), ...report.rows.map((row) => cols.map((c) => csvField(c.cell(row))))];
  return `${lines.map((fields) => fields.join(',')).join('\r\n')}\r\n`;
}

/** A table cell holds names and states: a pipe or a line break would end the cell; a backslash would escape what follows. */
export const markdownCell = (value: string | number): string => String(value).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n|\r/g, ' ');

/** Counts of each flag, for the summary line. */
export function flagCounts(rows: readonly CoverageRow[]): Record<CoverageFlag, number> {
  const counts = Object.fromEntries(COVERAGE_FLAGS.map((f) => [f, 0])) as Record<CoverageFlag, number>;
  for (const row of rows) for (const flag of row.flags) counts[flag] += 1;
  return counts;
}

export function coverageMarkdown(report: CoverageReport, subscriptionName: (id: string) => string = (id) => id): string {
  const cols = columns(report, subscriptionName);
  const counts = flagCounts(report.rows);
  const lines = [
    `# ${l10n.t('Restore point coverage')}`,
    '',
    l10n.t('Read {0} UTC. Stale: no restore point succeeded in the last {1} days.', utcMinute(report.readAt), report.staleAfterDays),
    '',
    `**${l10n.t('{0} VMs', report.rows.length)}**: ${COVERAGE_FLAGS.map((f) => `${flagLabel(f)} ${counts[f]}`).join(', ')}.`,
  ];
  if (report.unreadableSubscriptions.length) {
    lines.push('', l10n.t('Not read: {0}', report.unreadableSubscriptions.map((u) => `${markdownCell(subscriptionName(u.subscriptionId))} (${markdownCell(u.message)})`).join(', ')));
  }
  lines.push('', `| ${cols.map((c) => markdownCell(c.header)).join(' | ')} |`, `| ${cols.map(() => '---').join(' | ')} |`);
  for (const row of report.rows) lines.push(`| ${cols.map((c) => markdownCell(c.cell(row))).join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}
