import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { demoCatalog } from '../../../src/emulator';
import { drive, requestLog, writes, type LoggedRequest } from '../../support/commandDriver';
import { fileDigest } from '../../support/fileDigest';
import { captureErrorNotifications } from '../../support/notifications';
import { captureProgress } from '../../support/progress';
import { answer } from '../../support/scriptedPrompter';
import { byLabel, children, control, eventually, type Shown } from '../helpers';
import { useActionSuite } from './actionSuite';

const dev = demoCatalog.devTest;
const DEV_TEST = 'Contoso Dev/Test';

interface Blob {
  blobBytes: number;
  dataBytes: number;
  pageRanges: { start: number; end: number }[];
  active: boolean;
}

describe('export: Download VHD, resume, revoke, and refusals', function () {
  this.timeout(120_000);
  const suite = useActionSuite();
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-it-'));
  });
  afterEach(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await control('DELETE', '/faults');
  });

  async function restorePointNode(collection: string, name: string): Promise<Shown> {
    const sub = byLabel(await children(suite.api), DEV_TEST);
    const vm = byLabel(await children(suite.api, sub.node), dev.web02.vm);
    const c = byLabel(await children(suite.api, vm.node), collection);
    return byLabel(await children(suite.api, c.node), name);
  }
  const firstDisk = async (): Promise<Shown> => (await children(suite.api, (await restorePointNode(dev.web02.collection, dev.web02.restorePoints[0])).node))[0];
  const blobOf = (id: string): Promise<Blob> => control<Blob>('GET', `/blobs?resourceId=${encodeURIComponent(id)}`);
  /**
   * Ranged blob reads that were answered. With `orCut`, also those the log marks 0 (the connection
   * closed before the server saw its answer finish): when a failure stops a download, the reads it
   * aborts include some whose bytes had all arrived.
   */
  const blobReads = (log: LoggedRequest[], orCut = false): [number, number][] =>
    (log as (LoggedRequest & { range?: string })[])
      .filter((r) => r.method === 'GET' && r.path.startsWith('/md-impexp-') && r.range && r.query.comp === undefined && (r.status === 206 || (orCut && r.status === 0)))
      .map((r) => /bytes=(\d+)-(\d+)/.exec(r.range!)!.slice(1).map(Number) as [number, number]);
  /** Every page range of the file holds the emulator's bytes (compared by SHA-256). */
  const assertSameData = async (file: string, id: string): Promise<void> => {
    for (const r of (await blobOf(id)).pageRanges) {
      const { sha256 } = await control<{ sha256: string }>('GET', `/blobs/digest?resourceId=${encodeURIComponent(id)}&start=${r.start}&end=${r.end}`);
      assert.strictEqual(fileDigest(file, r.start, r.end), sha256, `bytes ${r.start}-${r.end} match the blob`);
    }
  };
  const revokes = async (id: string): Promise<number> => (await writes()).filter((r) => r.method === 'POST' && r.path.toLowerCase() === `${id.toLowerCase()}/endgetaccess`).length;

  it('refuses, before any question, a disk of a copy still replicating, with its percentage (first: the clock has not moved yet)', async () => {
    const errors = captureErrorNotifications();
    try {
      const rp = await restorePointNode(dev.copies.collection, dev.copies.replicating.name);
      const [disk] = await children(suite.api, rp.node);
      const { result, prompter } = await drive<string>(suite.api, 'restorePoints.downloadVhd', [], [disk.node], { clockStepMs: 0 });
      assert.strictEqual(result, undefined);
      assert.strictEqual(prompter.asked.length, 0);
      assert.deepStrictEqual(await writes(), []);
      const shown = await eventually(async () => errors.shown[0], 'an error notification');
      assert.match(shown.message, /still being copied to this region \(\d+%\)/);
    } finally {
      errors.restore();
    }
  });

  it('downloads a disk end to end: a sparse fixed VHD of the blob size, only its page ranges fetched, access revoked after', async () => {
    const disk = await firstDisk();
    const file = path.join(dir, 'disk.vhd');
    const progress = captureProgress();
    let result: string | undefined;
    let asked;
    try {
      ({ result, prompter: asked } = await drive<string>(suite.api, 'restorePoints.downloadVhd', [answer.saveAs(file), answer.acceptDefault()], [disk.node], { clockStepMs: 1_000 }));
    } finally {
      progress.restore();
    }
    assert.strictEqual(result, file);
    assert.strictEqual(asked.asked[0].defaultName, `${disk.item.label}.vhd`, 'the save dialog offers the disk name');
    const blob = await blobOf(disk.item.id as string);
    const stat = fs.statSync(file);
    assert.strictEqual(stat.size, blob.blobBytes);
    const footer = Buffer.alloc(512);
    const fd = fs.openSync(file, 'r');
    fs.readSync(fd, footer, 0, 512, blob.blobBytes - 512);
    fs.closeSync(fd);
    assert.strictEqual(footer.toString('ascii', 0, 8), 'conectix');
    const fetched = blobReads(await requestLog()).sort((a, b) => a[0] - b[0]);
    assert.deepStrictEqual(merge(fetched), blob.pageRanges.map((r) => [r.start, r.end]), 'the ranges fetched are exactly the page ranges');
    assert.ok(stat.blocks * 512 < blob.dataBytes + 16 * 1024 * 1024, `sparse: ${stat.blocks * 512} bytes allocated for ${blob.dataBytes} of data in a ${stat.size}-byte file`);
    assert.strictEqual(await revokes(disk.item.id as string), 1, 'access revoked once done');
    assert.strictEqual(blob.active, false);
    assert.ok(progress.shown.some((p) => p.messages.some((m) => /MiB of \d+(\.\d)? MiB/.test(m))), `progress shows bytes: ${JSON.stringify(progress.shown.map((p) => p.messages.slice(-2)))}`);
    assert.deepStrictEqual(suite.api.operations.list(), [], 'nothing left in the journal');
    await assertSameData(file, disk.item.id as string);
  });

  it('after an interruption in the middle, access is revoked; downloading again continues and fetches no finished range again', async () => {
    const disk = await firstDisk();
    const file = path.join(dir, 'disk.vhd');
    const blobPath = 'md-impexp-';
    // The page list and three ranges get through; every later read loses its connection.
    await control('POST', '/faults', { pathPattern: blobPath, method: 'GET', delayMs: 1, count: 4 });
    await control('POST', '/faults', { pathPattern: blobPath, method: 'GET', drop: true });
    const errors = captureErrorNotifications();
    try {
      const first = await drive<string>(suite.api, 'restorePoints.downloadVhd', [answer.saveAs(file), answer.acceptDefault()], [disk.node], { clockStepMs: 1_000 });
      assert.strictEqual(first.result, undefined);
      await eventually(async () => errors.shown[0], 'the failure is shown');
    } finally {
      errors.restore();
    }
    assert.strictEqual(await revokes(disk.item.id as string), 1, 'access revoked after the failure');
    const saved = JSON.parse(fs.readFileSync(`${file}.download.json`, 'utf8')) as { finished: [number, number][] };
    const finished = ([s, e]: [number, number]): boolean => saved.finished.some(([from, to]) => from <= s && e <= to);
    const overlapsFinished = ([s, e]: [number, number]): boolean => saved.finished.some(([from, to]) => s <= to && e >= from);
    const firstLog = await requestLog();
    const firstRun = blobReads(firstLog, true).filter(finished);
    // Three reads got through; one still arriving when the failure stopped the download is not finished, so up to three are.
    const reads = JSON.stringify(firstLog.filter((r) => r.path.startsWith('/md-impexp-')).map((r) => [r.method, (r as { range?: string }).range, r.status]));
    assert.ok(firstRun.length >= 1 && firstRun.length <= 3, `pieces were finished before the interruption: ${JSON.stringify(saved.finished)} of ${reads}`);
    assert.strictEqual(saved.finished.reduce((sum, [s, e]) => sum + e - s + 1, 0), firstRun.reduce((sum, [s, e]) => sum + e - s + 1, 0), `the state holds the pieces read whole and nothing else: ${JSON.stringify(saved.finished)} of ${reads}`);
    await control('DELETE', '/faults');
    await control('DELETE', '/requests');

    const second = await drive<string>(suite.api, 'restorePoints.downloadVhd', [answer.saveAs(file), answer.acceptDefault()], [disk.node], { clockStepMs: 1_000 });
    assert.strictEqual(second.result, file);
    const secondRun = blobReads(await requestLog());
    assert.deepStrictEqual(secondRun.filter(overlapsFinished), [], 'no finished byte fetched again');
    const blob = await blobOf(disk.item.id as string);
    assert.deepStrictEqual(merge([...firstRun, ...secondRun].sort((a, b) => a[0] - b[0])), blob.pageRanges.map((r) => [r.start, r.end]), 'together the two runs fetched the page ranges once');
    assert.ok(!fs.existsSync(`${file}.download.json`));
    assert.strictEqual(await revokes(disk.item.id as string), 1, 'revoked after the resumed download too');
    await assertSameData(file, disk.item.id as string);
  });

  it('Download Disks saves every disk of a restore point into the chosen folder, each revoked after', async () => {
    const rp = await restorePointNode(dev.web02.collection, dev.web02.restorePoints[0]);
    const disks = await children(suite.api, rp.node);
    const { result, prompter } = await drive<string[]>(suite.api, 'restorePoints.downloadDisks', [answer.saveAs(dir), answer.acceptDefault()], [rp.node], { clockStepMs: 1_000 });
    assert.deepStrictEqual(prompter.asked.map((a) => a.kind), ['saveLocation', 'pickOne'], 'only where and how long: the restore point is the item');
    assert.strictEqual(result?.length, disks.length);
    for (const disk of disks) {
      const file = path.join(dir, `${disk.label}.vhd`);
      assert.ok(result.includes(file), `${file} among ${JSON.stringify(result)}`);
      assert.strictEqual(fs.statSync(file).size, (await blobOf(disk.item.id as string)).blobBytes);
      assert.strictEqual(await revokes(disk.item.id as string), 1);
    }
  });

  it('Download Disks asks before replacing files already in the folder; Cancel changes nothing, Replace downloads', async () => {
    const rp = await restorePointNode(dev.web02.collection, dev.web02.restorePoints[0]);
    const disks = await children(suite.api, rp.node);
    const kept = path.join(dir, `${disks[0].label}.vhd`);
    fs.writeFileSync(kept, 'an earlier export');
    await control('DELETE', '/requests');
    const cancelled = await drive<string[]>(suite.api, 'restorePoints.downloadDisks', [answer.saveAs(dir), answer.acceptDefault(), answer.escape()], [rp.node], { clockStepMs: 1_000 });
    assert.strictEqual(cancelled.result, undefined);
    const asked = cancelled.prompter.asked.at(-1)!;
    assert.strictEqual(asked.kind, 'confirm');
    assert.match(asked.message ?? '', /Replace 1 of the files in /);
    assert.match(asked.detail ?? '', new RegExp(`${disks[0].label}\\.vhd`));
    assert.strictEqual(fs.readFileSync(kept, 'utf8'), 'an earlier export', 'the file is untouched');
    assert.deepStrictEqual(fs.readdirSync(dir), [path.basename(kept)], 'no other file was written');
    assert.deepStrictEqual(await writes(), [], 'no access was granted');

    const replaced = await drive<string[]>(suite.api, 'restorePoints.downloadDisks', [answer.saveAs(dir), answer.acceptDefault(), answer.confirm()], [rp.node], { clockStepMs: 1_000 });
    assert.strictEqual(replaced.result?.length, disks.length);
    assert.strictEqual(fs.statSync(kept).size, (await blobOf(disks[0].item.id as string)).blobBytes, 'the file was replaced by the disk');
  });

  it('asks before a download ends an access URL the user copied; Cancel keeps the URL working, Download revokes it at the end', async () => {
    const disk = await firstDisk();
    const id = disk.item.id as string;
    const file = path.join(dir, 'disk.vhd');
    await drive(suite.api, 'restorePoints.copyAccessUrl', [answer.acceptDefault()], [disk.node], { clockStepMs: 1_000 });
    await control('DELETE', '/requests');
    const cancelled = await drive<string>(suite.api, 'restorePoints.downloadVhd', [answer.saveAs(file), answer.acceptDefault(), answer.escape()], [disk.node], { clockStepMs: 1_000 });
    assert.strictEqual(cancelled.result, undefined);
    const asked = cancelled.prompter.asked.at(-1)!;
    assert.strictEqual(asked.kind, 'confirm');
    assert.match(asked.message ?? '', new RegExp(`The access URL copied for '${disk.item.label as string}' stops working when this download ends`));
    assert.deepStrictEqual(await writes(), [], 'nothing was granted or revoked');
    assert.strictEqual((await blobOf(id)).active, true, 'the copied URL still works');
    assert.deepStrictEqual(suite.api.operations.list().map((r) => r.kind), ['accessGranted']);
    assert.ok(!fs.existsSync(file));

    const { result } = await drive<string>(suite.api, 'restorePoints.downloadVhd', [answer.saveAs(file), answer.acceptDefault(), answer.confirm()], [disk.node], { clockStepMs: 1_000 });
    assert.strictEqual(result, file);
    assert.strictEqual(await revokes(id), 1);
    assert.strictEqual((await blobOf(id)).active, false, 'as the question said, the copied URL stopped working');
    assert.deepStrictEqual(suite.api.operations.list(), [], 'the copied grant is no longer shown as active');
  });

  it('keeps the download in the journal when revoking access fails, so the next start revokes it', async () => {
    const disk = await firstDisk();
    const file = path.join(dir, 'disk.vhd');
    await control('POST', '/faults', { pathPattern: '/endGetAccess$', method: 'POST', status: 403, count: 1 });
    const { result } = await drive<string>(suite.api, 'restorePoints.downloadVhd', [answer.saveAs(file), answer.acceptDefault()], [disk.node], { clockStepMs: 1_000 });
    assert.strictEqual(result, file, 'the download itself succeeded');
    assert.deepStrictEqual(
      suite.api.operations.list().map((r) => [r.kind, r.resourceId]),
      [['downloadDisk', disk.item.id]],
      'the grant is still recorded',
    );
    await suite.api.operations.remove(disk.item.id as string);
  });

  it('revokes access when the download is cancelled', async () => {
    const disk = await firstDisk();
    const file = path.join(dir, 'disk.vhd');
    await control('POST', '/faults', { pathPattern: 'md-impexp-', method: 'GET', delayMs: 3_000 });
    const progress = captureProgress();
    try {
      const running = drive<string>(suite.api, 'restorePoints.downloadVhd', [answer.saveAs(file), answer.acceptDefault()], [disk.node], { clockStepMs: 1_000 });
      await eventually(async () => ((await requestLog()).some((r) => r.path.startsWith('/md-impexp-')) ? true : undefined), 'the download started');
      progress.shown.at(-1)!.cancel();
      const { result } = await running;
      assert.strictEqual(result, undefined);
    } finally {
      progress.restore();
    }
    assert.strictEqual(await revokes(disk.item.id as string), 1, 'access revoked after cancel');
    assert.deepStrictEqual(suite.api.operations.list(), []);
  });

  it('an expired access URL gives a clear message without the URL, and access is revoked', async () => {
    const disk = await firstDisk();
    const file = path.join(dir, 'disk.vhd');
    // Each blob read waits; meanwhile the clock moves on past the hour the access lasts.
    await control('POST', '/faults', { pathPattern: 'md-impexp-', method: 'GET', delayMs: 1_500 });
    const errors = captureErrorNotifications();
    try {
      const { result } = await drive<string>(suite.api, 'restorePoints.downloadVhd', [answer.saveAs(file), answer.pick('1 hour')], [disk.node], { clockStepMs: 2 * 3600_000, tickMs: 400 });
      assert.strictEqual(result, undefined);
      const shown = await eventually(async () => errors.shown[0], 'the failure is shown');
      assert.match(shown.message, /refused the access URL \(AuthenticationFailed\): it has expired, was revoked or is not valid/);
      assert.ok(!/sig=|md-impexp-/.test(shown.message), 'the message holds no URL');
    } finally {
      errors.restore();
    }
    assert.strictEqual(await revokes(disk.item.id as string), 1);
  });

  it('an altered access URL gives a clear message without the URL, writes no file, and access is revoked', async () => {
    const disk = await firstDisk();
    const id = disk.item.id as string;
    const file = path.join(dir, 'disk.vhd');
    await control('POST', '/blobs/tamper', { resourceId: id });
    const errors = captureErrorNotifications();
    try {
      const { result } = await drive<string>(suite.api, 'restorePoints.downloadVhd', [answer.saveAs(file), answer.acceptDefault()], [disk.node], { clockStepMs: 1_000 });
      assert.strictEqual(result, undefined);
      const shown = await eventually(async () => errors.shown[0], 'the failure is shown');
      assert.match(shown.message, /refused the access URL \(AuthenticationFailed\): it has expired, was revoked or is not valid/);
      const { value: signatures } = await control<{ value: string[] }>('GET', '/blobs/signatures');
      assert.ok(!/sig=|md-impexp-/.test(shown.message) && !signatures.some((sig) => shown.message.includes(sig)), 'the message holds no URL and no signature');
    } finally {
      errors.restore();
    }
    const refused = (await requestLog()).filter((r) => r.path.startsWith('/md-impexp-'));
    assert.ok(refused.length > 0 && refused.every((r) => r.status === 403), `Storage refused the altered URL: ${JSON.stringify(refused.map((r) => r.status))}`);
    assert.ok(!fs.existsSync(file), 'no file was written');
    assert.strictEqual(await revokes(id), 1, 'access revoked after the failure');
    assert.deepStrictEqual(suite.api.operations.list(), []);
  });
});

/** Adjacent or touching ranges as one, as page ranges list them. */
function merge(ranges: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [s, e] of ranges) {
    const last = out.at(-1);
    if (last && s <= last[1] + 1) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}
