import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CoverageReport } from '../../../src/azure/coverage';
import { demoCatalog } from '../../../src/emulator';
import { clearRequestLog, drive, requestLog } from '../../support/commandDriver';
import { answer } from '../../support/scriptedPrompter';
import { extensionLogFile, logsRoot, scanLogsForSecrets } from '../../support/logSecrets';
import { byLabel, children, control, eventually, EXTENSION_ID, setSetting } from '../helpers';
import { useActionSuite } from './actionSuite';

const dev = demoCatalog.devTest;
const sandbox = demoCatalog.sandbox;
const COMMAND = 'restorePoints.showCoverage';

/**
 * From the demo catalog and the large subscription's generator (src/emulator/data/demo.ts), worked
 * out by hand: restore point k (0-9) of VM i fails when (10 i + k) mod 23 = 5, so the newest
 * (k = 9, a day old) fails where i ≡ 18 (mod 23); VM i is prod-<app|api|worker|db|cache by
 * i mod 5>-<i + 1>. The newest of every VM with i mod 50 = 7 is still being created, the one before
 * it (two days old) succeeded.
 */
const NEWEST_FAILED = ['prod-db-019', 'prod-api-042', 'prod-cache-065', 'prod-worker-088', 'prod-app-111', 'prod-db-134', 'prod-api-157', 'prod-cache-180', 'prod-worker-203', 'prod-app-226', 'prod-db-249', 'prod-api-272', 'prod-cache-295'];
const NEWEST_CREATING = ['prod-worker-008', 'prod-worker-058', 'prod-worker-108', 'prod-worker-158', 'prod-worker-208', 'prod-worker-258'];
/** cache-01 (Dev/Test) and lab-02 (Sandbox) have no collection. */
const WITHOUT = [dev.cache01.vm, sandbox.lab02.vm];

const sorted = (entries: [string, string[]][]): [string, string[]][] => entries.sort(([a], [b]) => a.localeCompare(b));
const flagged = (report: CoverageReport): [string, string[]][] => sorted(report.rows.filter((r) => r.flags.length).map((r) => [r.name, r.flags]));
/** The report's tabs (VS Code prefixes the panel's view type). */
const coverageTabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('restorePoints.coverage'));
/** A line of the extension's log; VS Code may write it a moment after the command returns. */
const logLine = (pattern: RegExp): Promise<string> =>
  eventually(async () => {
    const file = extensionLogFile(EXTENSION_ID);
    return file ? pattern.exec(fs.readFileSync(file, 'utf8'))?.[0] : undefined;
  }, `a log line matching ${pattern}`);
/** What the report sends ARM: the Resource Graph queries and the collection reads. */
const coverageReads = async (): Promise<string[]> =>
  (await requestLog())
    .filter((r) => (r.method === 'POST' && r.path === '/providers/Microsoft.ResourceGraph/resources') || (r.method === 'GET' && /\/restorePointCollections\/[^/]+$/i.test(r.path)))
    .map((r) => `${r.method} ${r.path}`);
const collectionReads = async (): Promise<{ path: string; query: Record<string, string> }[]> =>
  (await requestLog()).filter((r) => r.method === 'GET' && /\/restorePointCollections\/[^/]+$/i.test(r.path)) as { path: string; query: Record<string, string> }[];

describe('Show Restore Point Coverage…', function () {
  this.timeout(120_000);
  const suite = useActionSuite();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'coverage-'));
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('reports every VM of the subscriptions shown, flagged as the demo catalog says, each collection read once with its restore points', async () => {
    const report = await vscode.commands.executeCommand<CoverageReport>(COMMAND);
    assert.ok(report, 'the command returns the report');
    // Finance is listed but not readable: Resource Graph leaves its VM out.
    assert.strictEqual(report.rows.length, demoCatalog.large.virtualMachines + 4 + 2);
    assert.deepStrictEqual(flagged(report), sorted([...WITHOUT.map((n): [string, string[]] => [n, ['none']]), ...NEWEST_FAILED.map((n): [string, string[]] => [n, ['failed']])]));
    const web02 = report.rows.find((r) => r.name === dev.web02.vm)!;
    assert.strictEqual(web02.restorePoints, 2);
    assert.strictEqual(web02.copy?.location, dev.copies.location, 'its copy in westus');
    assert.strictEqual(report.rows.find((r) => r.name === dev.web01.vm)!.restorePoints, 5);

    const reads = await collectionReads();
    // 300 in Production; web-01, web-02, sql-01 and the westus copy in Dev/Test; lab-01 in the Sandbox.
    assert.strictEqual(reads.length, demoCatalog.large.restorePointCollections + 5);
    assert.strictEqual(new Set(reads.map((r) => r.path.toLowerCase())).size, reads.length, 'each collection once');
    assert.ok(reads.every((r) => r.query.$expand === 'restorePoints'), 'each with $expand=restorePoints');
    const graph = (await requestLog()).filter((r) => r.method === 'POST' && r.path === '/providers/Microsoft.ResourceGraph/resources');
    assert.strictEqual(graph.length, 2, 'one Resource Graph query per tenant');
    await eventually(async () => (coverageTabs().length === 1 ? true : undefined), 'the report page to open');
  });

  it('shows the report read before again without reading anything, and exports it as CSV and Markdown', async () => {
    await vscode.commands.executeCommand(COMMAND);
    const cached = await vscode.commands.executeCommand<CoverageReport>(COMMAND);
    assert.ok(cached);
    assert.deepStrictEqual(await collectionReads(), [], 'nothing read again');
    assert.strictEqual(coverageTabs().length, 1, 'one page, reused');

    const csvPath = path.join(folder, 'coverage.csv');
    const { result: savedCsv } = await drive<string>(suite.api, 'restorePoints.exportCoverage', [answer.pick('CSV'), answer.saveAs(csvPath)]);
    assert.strictEqual(savedCsv, csvPath);
    const csv = fs.readFileSync(csvPath, 'utf8').split('\r\n');
    assert.strictEqual(csv.length, cached.rows.length + 2, 'a header, a line per VM, and the final line end');
    assert.ok(csv[0].startsWith('VM,Subscription,Location,Restore points (of 500),'));
    const cache01 = csv.find((l) => l.startsWith(`${dev.cache01.vm},`));
    assert.ok(cache01?.startsWith(`${dev.cache01.vm},Contoso Dev/Test,${dev.cache01.location},0,`), cache01);
    assert.ok(cache01?.includes(',no restore point,'), cache01);
    assert.ok(csv.find((l) => l.startsWith('prod-db-019,'))?.includes(',Failed,'), 'the newest state');

    const mdPath = path.join(folder, 'coverage.md');
    await drive<string>(suite.api, 'restorePoints.exportCoverage', [answer.pick('Markdown'), answer.saveAs(mdPath)]);
    const md = fs.readFileSync(mdPath, 'utf8');
    assert.ok(md.startsWith('# Restore point coverage\n'));
    assert.ok(md.includes(`**${cached.rows.length} VMs**: no restore point 2, stale 0, newest failed 13, near the limit 0, not read 0.`), md.slice(0, 400));
    assert.strictEqual(md.split('\n').filter((l) => l.startsWith('| ')).length, cached.rows.length + 2, 'a header row, the separator and a row per VM');
  });

  it('reads ARM again after signing out and in again, not before: the kept report belongs to the sign-in it was read with', async () => {
    await vscode.commands.executeCommand(COMMAND);
    await clearRequestLog();
    await vscode.commands.executeCommand(COMMAND);
    assert.deepStrictEqual(await coverageReads(), [], 'the kept report, nothing sent');

    await vscode.commands.executeCommand('restorePoints.signOut');
    await vscode.commands.executeCommand('restorePoints.signIn');
    await clearRequestLog();
    const report = await vscode.commands.executeCommand<CoverageReport>(COMMAND);
    assert.ok(report);
    const sent = await coverageReads();
    assert.strictEqual(sent.filter((r) => r.startsWith('POST ')).length, 2, 'one Resource Graph query per tenant again');
    assert.strictEqual(sent.filter((r) => r.startsWith('GET ')).length, demoCatalog.large.restorePointCollections + 5, 'every collection read again');
  });

  it('reports one subscription from its item, with the stale setting applied', async () => {
    await setSetting('restorePoints.coverage.staleAfterDays', 1.5);
    try {
      const production = byLabel(await children(suite.api), 'Contoso Production');
      const report = await vscode.commands.executeCommand<CoverageReport>('restorePoints.showSubscriptionCoverage', production.node);
      assert.ok(report);
      assert.strictEqual(report.rows.length, demoCatalog.large.virtualMachines);
      assert.strictEqual(report.staleAfterDays, 1.5);
      // Where the newest failed or is still creating, the newest success is two days old.
      const expected = sorted([...NEWEST_FAILED.map((n): [string, string[]] => [n, ['stale', 'failed']]), ...NEWEST_CREATING.map((n): [string, string[]] => [n, ['stale']])]);
      assert.deepStrictEqual(flagged(report), expected);
      const reads = await collectionReads();
      assert.strictEqual(reads.length, demoCatalog.large.restorePointCollections, 'only its collections');
    } finally {
      await setSetting('restorePoints.coverage.staleAfterDays', undefined);
    }
  });

  it('logs ARM\'s reason for a subscription and a collection it could not read, as warnings that hold no secret', async () => {
    try {
      // Resource Graph refused: Fabrikam Finance is listed on its own, and ARM refuses that too.
      await control('POST', '/faults', { method: 'POST', pathPattern: '^/providers/Microsoft\\.ResourceGraph/resources$', status: 403, count: 1 });
      const finance = byLabel(await children(suite.api), 'Fabrikam Finance');
      const refused = await vscode.commands.executeCommand<CoverageReport>('restorePoints.showSubscriptionCoverage', finance.node);
      assert.deepStrictEqual(refused?.unreadableSubscriptions.map((u) => u.subscriptionId), [demoCatalog.finance.subscriptionId]);

      await control('POST', '/faults', { method: 'GET', pathPattern: `/restorePointCollections/${dev.web02.collection}$`, status: 403, count: 1 });
      const devTest = byLabel(await children(suite.api), 'Contoso Dev/Test');
      const report = await vscode.commands.executeCommand<CoverageReport>('restorePoints.showSubscriptionCoverage', devTest.node);
      assert.ok(report?.rows.find((r) => r.name === dev.web02.vm)?.flags.includes('unread'), 'web-02 is flagged "not read"');
    } finally {
      await control('DELETE', '/faults');
    }

    const subscriptionLine = await logLine(/^.*\[warning\] Coverage: could not list the VMs and collections of subscription .*$/m);
    assert.match(subscriptionLine, new RegExp(`subscription Fabrikam Finance \\(${demoCatalog.finance.subscriptionId}\\): The client '[^']+' with object id '[^']+' does not have authorization to perform action '[^']+' over scope '/subscriptions/${demoCatalog.finance.subscriptionId}'`));
    const collectionLine = await logLine(/^.*\[warning\] Coverage: could not read the restore point collection .*$/m);
    assert.match(collectionLine, new RegExp(`collection /subscriptions/${dev.subscriptionId}/resourceGroups/${dev.web02.resourceGroup}/providers/Microsoft\\.Compute/restorePointCollections/${dev.web02.collection}: Injected fault: HTTP 403 for GET `, 'i'));

    // No token, client secret or Authorization header on either line.
    const file = extensionLogFile(EXTENSION_ID)!;
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const warned = new Set([subscriptionLine, collectionLine].map((l) => lines.indexOf(l) + 1));
    const scan = await scanLogsForSecrets();
    assert.ok(scan.secretsSearched > 0, 'the issued tokens and the client secret were searched for');
    assert.deepStrictEqual(scan.findings.filter((f) => path.join(logsRoot(), f.file) === file && warned.has(f.line)), []);
    assert.ok(![subscriptionLine, collectionLine].some((l) => /bearer|authorization:/i.test(l)), 'no credential header');
  });
});
