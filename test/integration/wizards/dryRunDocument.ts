import * as assert from 'node:assert';
import * as vscode from 'vscode';

/** The newest clean-up dry run document: its rows as [restore point, state, action, why], its rules line and its totals line. */
export function dryRun(): { rows: string[][]; rules: string; total: string } {
  const documents = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'restorepoints-properties' && d.uri.path.endsWith('dry run.md'));
  const latest = documents.sort((a, b) => Number(b.uri.query) - Number(a.uri.query))[0];
  assert.ok(latest, 'a dry run document is open');
  const lines = latest.getText().split('\n');
  const rows = lines
    .filter((l) => l.startsWith('| ') && !l.startsWith('| Restore point') && !l.startsWith('| ---'))
    .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()))
    .map(([name, , state, action, why]) => [name, state, action.replace(/\*/g, ''), why]);
  return { rows, rules: lines.find((l) => l.startsWith('Rules: ')) ?? '', total: lines.find((l) => l.startsWith('**Total')) ?? '' };
}
