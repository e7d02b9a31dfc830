import * as vscode from 'vscode';
import { deletionsOf, type CleanUpPlan } from '../../azure/cleanUpPlan';
import { daysText, decisionReason } from '../../azure/rules/cleanUp';
import type { CommandContext } from '../commandContext';
import type { CleanUpReport, SkipReason } from './cleanUpRun';

/** Table cells hold names and ARM's messages: a pipe or a line break would end the cell. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function rulesLine(plan: CleanUpPlan): string {
  const { keepNewest, olderThanDays, deleteFailed } = plan.rules;
  return [
    vscode.l10n.t('Keep the newest {0} that succeeded', keepNewest),
    olderThanDays > 0 ? vscode.l10n.t('delete only restore points older than {0}', daysText(olderThanDays)) : vscode.l10n.t('delete the others at any age'),
    deleteFailed ? vscode.l10n.t('delete failed ones') : vscode.l10n.t('keep failed ones'),
    vscode.l10n.t("always keep the newest that succeeded and the source of a copy still replicating (copies are looked for in the collection's own subscription)"),
  ].join('; ');
}

/** "2026-11-26 11:13": short enough for a table row; the header says the times are UTC. */
const utcMinute = (time: Date | undefined): string => time?.toISOString().slice(0, 16).replace('T', ' ') ?? '';

/** The dry run: every restore point of every collection, what happens to it and why, with totals. */
export function planMarkdown(plan: CleanUpPlan): string {
  const all = plan.collections.flatMap((c) => c.decisions);
  const deleting = deletionsOf(plan).length;
  const lines = [
    `# ${vscode.l10n.t('Clean up restore points: dry run')}`,
    '',
    vscode.l10n.t('Nothing has been deleted. Ages as of {0}.', plan.now.toISOString()),
    '',
    `${vscode.l10n.t('Rules')}: ${rulesLine(plan)}.`,
    '',
    `**${
      plan.collections.length === 1
        ? vscode.l10n.t('Total: {0} to delete, {1} to keep, in 1 collection.', deleting, all.length - deleting)
        : vscode.l10n.t('Total: {0} to delete, {1} to keep, in {2} collections.', deleting, all.length - deleting, plan.collections.length)
    }**`,
  ];
  for (const c of plan.collections) {
    const deletes = c.decisions.filter((d) => d.verdict === 'delete').length;
    lines.push('', `## ${cell(c.collection.name)}${c.collection.location ? ` (${c.collection.location})` : ''}`, '');
    if (c.error) {
      lines.push(vscode.l10n.t('Could not be read, nothing in it is deleted: {0}', cell(c.error)));
      continue;
    }
    lines.push(vscode.l10n.t('{0} to delete, {1} to keep.', deletes, c.decisions.length - deletes), '');
    if (!c.decisions.length) continue;
    lines.push(`| ${vscode.l10n.t('Restore point')} | ${vscode.l10n.t('Created (UTC)')} | ${vscode.l10n.t('State')} | ${vscode.l10n.t('Action')} | ${vscode.l10n.t('Why')} |`, '| --- | --- | --- | --- | --- |');
    for (const d of c.decisions) {
      const action = d.verdict === 'delete' ? `**${vscode.l10n.t('delete')}**` : vscode.l10n.t('keep');
      lines.push(`| ${cell(d.restorePoint.name)} | ${utcMinute(d.restorePoint.timeCreated)} | ${d.restorePoint.provisioningState ?? ''} | ${action} | ${cell(decisionReason(d, plan.rules))} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function skipReasonText(why: SkipReason): string {
  switch (why) {
    case 'cancelled':
      return vscode.l10n.t('cancelled before it was sent');
    case 'notConfirmed':
      return vscode.l10n.t('not confirmed again after the window reload');
    case 'unselected':
      return vscode.l10n.t('no longer selected when read again before sending');
  }
}

/** What the clean-up did: deleted, failed with ARM's reason, and skipped after Cancel. */
export function reportMarkdown(report: CleanUpReport): string {
  const lines = [
    `# ${vscode.l10n.t('Clean up restore points: report')}`,
    '',
    `**${vscode.l10n.t('{0} deleted, {1} failed, {2} skipped.', report.deleted.length, report.failed.length, report.skipped.length)}**`,
  ];
  const section = (heading: string, rows: string[]): void => {
    if (rows.length) lines.push('', `## ${heading}`, '', ...rows);
  };
  section(vscode.l10n.t('Failed'), report.failed.map((f) => `- ${cell(f.name)}: ${cell(f.reason)}`));
  section(vscode.l10n.t('Deleted'), report.deleted.map((d) => `- ${cell(d.name)}`));
  section(vscode.l10n.t('Skipped (not sent)'), report.skipped.map((s) => `- ${cell(s.name)}: ${skipReasonText(s.why)}`));
  return `${lines.join('\n')}\n`;
}

/** Opens markdown as a read-only document of the extension's own scheme: it cannot be saved over anything. */
export async function showMarkdown(context: CommandContext, name: string, markdown: string): Promise<vscode.Uri> {
  const uri = context.properties.showText(name, markdown);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(document, 'markdown');
  await vscode.window.showTextDocument(document, { preview: false });
  return uri;
}
