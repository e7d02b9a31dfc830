import * as assert from 'node:assert/strict';
import type { CoverageReport, CoverageRow } from '../../../src/azure/coverage';
import { coverageCsv, coverageMarkdown, csvField } from '../../../src/commands/coverage/coverageExport';

const readAt = Date.parse('2026-11-25T12:00:00Z');
const vmId = (name: string): string => `/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${name}`;
const row = (over: Partial<CoverageRow> & { name: string }): CoverageRow => ({
  vmId: vmId(over.name), subscriptionId: 'sub-1', tenantId: 't', location: 'eastus', restorePoints: 0, unreadCollections: 0, collectionIds: [], flags: [], ...over,
});
const report = (rows: CoverageRow[]): CoverageReport => ({ rows, readAt, staleAfterDays: 7, collectionsRead: 1, unreadableSubscriptions: [], unreadCollections: [] });

/** A minimal RFC 4180 reader, to check that what was written reads back as the same fields. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const endField = (): void => {
    record.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted) {
      if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      endField();
    } else if (ch === '\r' && text[i + 1] === '\n') {
      endField();
      records.push(record);
      record = [];
      i++;
    } else {
      field += ch;
    }
  }
  return records;
}

describe('coverage export: CSV and Markdown', () => {
  const web = row({
    name: 'web-01', restorePoints: 5, newestAt: readAt - 3_600_000, newestState: 'Failed', newestSucceededAt: readAt - 36 * 3_600_000,
    copy: { location: 'westus', at: readAt - 48 * 3_600_000, state: 'Succeeded' }, flags: ['failed'],
  });
  const bare = row({ name: 'cache-01', flags: ['none'] });

  it('writes one header and one CRLF-ended line per VM, with times in UTC and the age in days', () => {
    const lines = coverageCsv(report([web, bare])).split('\r\n');
    assert.equal(lines.length, 4, 'header, two rows, and the empty string after the last CRLF');
    assert.equal(lines[0], 'VM,Subscription,Location,Restore points (of 500),Newest (UTC),Newest state,Newest succeeded (UTC),"Newest succeeded, days old",Copy location,Newest copy (UTC),Newest copy state,Flags,VM resource ID');
    assert.equal(lines[1], `web-01,sub-1,eastus,5,2026-11-25 11:00,Failed,2026-11-24 00:00,1.5,westus,2026-11-23 12:00,Succeeded,newest failed,${vmId('web-01')}`);
    assert.equal(lines[2], `cache-01,sub-1,eastus,0,,,,,,,,no restore point,${vmId('cache-01')}`);
    assert.equal(lines[3], '');
  });

  it('quotes commas, quotes and line breaks, and defuses what a spreadsheet would run as a formula', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField('-1+2'), "'-1+2");
    assert.equal(csvField(12), '12');
    const names = { 'sub-1': 'Prod, "EU"\r\nteam' };
    const fields = parseCsv(coverageCsv(report([web]), (id) => names[id as 'sub-1']));
    assert.equal(fields.length, 2);
    assert.equal(fields[1][1], 'Prod, "EU"\r\nteam', 'reads back as written');
    assert.equal(fields[1].length, fields[0].length);
  });

  it('writes a Markdown table with a summary per flag, pipes and line breaks escaped', () => {
    const odd = row({ name: 'a|b', flags: ['none'] });
    const md = coverageMarkdown(report([web, bare, odd]), (id) => (id === 'sub-1' ? 'Prod\nEU' : id));
    const lines = md.split('\n');
    assert.equal(lines[0], '# Restore point coverage');
    assert.ok(md.includes('Read 2026-11-25 12:00 UTC. Stale: no restore point succeeded in the last 7 days.'));
    assert.ok(md.includes('**3 VMs**: no restore point 2, stale 0, newest failed 1, near the limit 0, not read 0.'));
    const table = lines.filter((l) => l.startsWith('|'));
    assert.equal(table.length, 5, 'header, separator, three rows');
    assert.equal(table[1], '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    assert.ok(table[4].startsWith('| a\\|b | Prod EU | eastus | 0 |'), table[4]);
    for (const line of table) assert.equal(line.split(/(?<!\\)\|/).length - 2, 13, `13 cells: ${line}`);
  });
});
