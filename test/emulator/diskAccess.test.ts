import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { useEmulator, send, type RawResponse } from './harness';
import { SpecContract } from './specContract';

const dev = demoCatalog.devTest;
const D = '2026-03-02';
const GiB = 1024 * 1024 * 1024;
const rpc = (group: string, name: string): string => `/subscriptions/${dev.subscriptionId}/resourceGroups/${group}/providers/Microsoft.Compute/restorePointCollections/${name}`;
const web02 = rpc(dev.web02.resourceGroup, dev.web02.collection);
const copies = rpc(dev.copies.resourceGroup, dev.copies.collection);

describe('emulator: access to disk restore points and disks (GrantAccess, RevokeAccess, the blob endpoint)', function () {
  const h = useEmulator();
  let contract: SpecContract;
  before(() => {
    contract = new SpecContract();
  });

  async function firstDisk(restorePointPath: string): Promise<{ id: string; path: string }> {
    const list = await h.arm('GET', `${restorePointPath}/diskRestorePoints?api-version=${D}`);
    const id = list.json.value[0].id as string;
    return { id, path: id };
  }

  /** beginGetAccess, then the Location monitor once the clock has passed the operation's end. */
  async function grant(resourcePath: string, durationInSeconds = 3600): Promise<{ accepted: RawResponse; sas: string }> {
    const accepted = await h.arm('POST', `${resourcePath}/beginGetAccess?api-version=${D}`, { body: { access: 'Read', durationInSeconds, fileFormat: 'VHD' } });
    assert.equal(accepted.status, 202, accepted.text);
    h.emulator.controls.clock.advance(5_000);
    const result = await h.arm('GET', String(accepted.headers.location));
    assert.equal(result.status, 200, result.text);
    return { accepted, sas: result.json.accessSAS as string };
  }

  const blob = (url: string, method = 'GET', headers: Record<string, string> = {}): Promise<RawResponse> => send(h.emulator, method, url, { token: null, headers });

  /** The raw bytes of a range, as the Storage SDK asks for them. */
  function bytes(url: string, start: number, end: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const req = request(new URL(url), { headers: { 'x-ms-range': `bytes=${start}-${end}` }, ca: readFileSync(h.emulator.caCertificate) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('grants through a long-running operation with Location, its result matching the spec', async () => {
    const drp = await firstDisk(`${web02}/restorePoints/${dev.web02.restorePoints[0]}`);
    const { accepted, sas } = await grant(drp.path);
    assert.ok(accepted.headers.location && accepted.headers['azure-asyncoperation'], 'Location and Azure-AsyncOperation');
    assert.deepEqual(contract.check('DiskRestorePoint_GrantAccess', 200, { accessSAS: sas }), []);
    const url = new URL(sas);
    assert.equal(url.origin, h.emulator.endpoint, 'the blob is served by the emulator itself');
    assert.match(url.pathname, /^\/md-impexp-[0-9a-f]+\/[0-9a-f]+\/abcd$/);
    assert.deepEqual([...url.searchParams.keys()].sort(), ['si', 'sig', 'sr', 'sv']);
  });

  it('a second grant while one is active returns the same URL with a later expiry', async () => {
    const drp = await firstDisk(`${web02}/restorePoints/${dev.web02.restorePoints[0]}`);
    const first = await grant(drp.path, 600);
    const before = h.emulator.controls.blobOf(drp.id)!.expiresAt;
    const second = await grant(drp.path, 7200);
    assert.equal(second.sas, first.sas);
    assert.ok(h.emulator.controls.blobOf(drp.id)!.expiresAt > before);
  });

  it('refuses a copy still replicating with 409, and Write access with 400', async () => {
    const drp = await firstDisk(`${copies}/restorePoints/${dev.copies.replicating.name}`);
    const refused = await h.arm('POST', `${drp.path}/beginGetAccess?api-version=${D}`, { body: { access: 'Read', durationInSeconds: 60 } });
    assert.equal(refused.status, 409);
    assert.equal(refused.json.error.code, 'OperationNotAllowed');
    assert.match(refused.json.error.message, /\d+% complete/);
    const write = await h.arm('POST', `${(await firstDisk(`${web02}/restorePoints/${dev.web02.restorePoints[0]}`)).path}/beginGetAccess?api-version=${D}`, { body: { access: 'Write', durationInSeconds: 60 } });
    assert.equal(write.status, 400);
  });

  it('serves the blob: a fixed VHD of the disk size, page ranges, ranged reads that repeat', async () => {
    const drp = await firstDisk(`${web02}/restorePoints/${dev.web02.restorePoints[0]}`);
    const { sas } = await grant(drp.path);
    const blobBytes = h.emulator.controls.blobOf(drp.id)!.blobBytes;
    const head = await blob(sas, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers['x-ms-blob-type'], 'PageBlob');
    assert.equal(Number(head.headers['content-length']), blobBytes);
    assert.equal((blobBytes - 512) % GiB, 0, 'the data part is whole GiB');

    const pages = await blob(`${sas}&comp=pagelist`);
    assert.equal(pages.status, 200);
    const ranges = [...pages.text.matchAll(/<Start>(\d+)<\/Start><End>(\d+)<\/End>/g)].map((m) => ({ start: Number(m[1]), end: Number(m[2]) }));
    assert.deepEqual(ranges, h.emulator.controls.blobOf(drp.id)!.pageRanges);
    assert.deepEqual(ranges.at(-1), { start: blobBytes - 512, end: blobBytes - 1 }, 'the footer is the last page range');
    const paged = await blob(`${sas}&comp=pagelist&maxresults=2`);
    assert.match(paged.text, /<NextMarker>2<\/NextMarker>/);

    const footer = await bytes(sas, blobBytes - 512, blobBytes - 1);
    assert.equal(footer.toString('ascii', 0, 8), 'conectix');
    assert.equal(footer.readUInt32BE(60), 2, 'fixed disk');
    assert.equal(Number(footer.readBigUInt64BE(48)), blobBytes - 512);
    let sum = 0;
    for (let i = 0; i < 512; i++) if (i < 64 || i >= 68) sum += footer[i];
    assert.equal(footer.readUInt32BE(64), ~sum >>> 0, 'footer checksum');

    const data = ranges[1];
    const a = await bytes(sas, data.start, data.start + 65535);
    assert.ok(a.some((b) => b !== 0), 'data regions hold data');
    assert.deepEqual(await bytes(sas, data.start, data.start + 65535), a, 'the same bytes every time');
    const gap = await bytes(sas, data.start - 4096, data.start - 1);
    assert.ok(gap.every((b) => b === 0), 'outside page ranges the disk reads zero');
    const tooFar = await blob(sas, 'GET', { 'x-ms-range': `bytes=${blobBytes}-${blobBytes + 10}` });
    assert.equal(tooFar.status, 416);
  });

  it('refuses a tampered signature, an expired grant and a revoked one with 403 AuthenticationFailed', async () => {
    const drp = await firstDisk(`${web02}/restorePoints/${dev.web02.restorePoints[0]}`);
    const { sas } = await grant(drp.path, 60);
    const tampered = new URL(sas);
    tampered.searchParams.set('sig', Buffer.alloc(32, 7).toString('base64'));
    const bad = await blob(tampered.toString(), 'GET', { 'x-ms-range': 'bytes=0-511' });
    assert.equal(bad.status, 403);
    assert.match(bad.text, /<Code>AuthenticationFailed<\/Code>[\s\S]*Signature did not match/);
    assert.equal((await blob(sas, 'HEAD')).status, 200);
    h.emulator.controls.clock.advance(61_000);
    const expired = await blob(sas, 'GET', { 'x-ms-range': 'bytes=0-511' });
    assert.equal(expired.status, 403);
    assert.match(expired.text, /not valid in the specified time frame/);

    const fresh = await grant(drp.path, 600);
    assert.notEqual(fresh.sas, sas, 'a grant after expiry is a new URL');
    const revoke = await h.arm('POST', `${drp.path}/endGetAccess?api-version=${D}`);
    assert.equal(revoke.status, 202);
    assert.ok(revoke.headers.location);
    const revoked = await blob(fresh.sas, 'HEAD');
    assert.equal(revoked.status, 403);
    assert.equal(revoked.headers['x-ms-error-code'], 'AuthenticationFailed');
    assert.equal(h.emulator.controls.blobOf(drp.id)!.active, false);
  });

  it('the tamper control alters the signature of the next URL only: Storage refuses it, the grant itself works', async () => {
    const drp = await firstDisk(`${web02}/restorePoints/${dev.web02.restorePoints[0]}`);
    h.emulator.controls.tamperNextAccessUrl(drp.id);
    const { sas: altered } = await grant(drp.path);
    const refused = await blob(altered, 'GET', { 'x-ms-range': 'bytes=0-511' });
    assert.equal(refused.status, 403);
    assert.match(refused.text, /<Code>AuthenticationFailed<\/Code>[\s\S]*Signature did not match/);
    assert.ok(h.emulator.controls.sasSignatures().includes(new URL(altered).searchParams.get('sig')!), 'the altered signature counts as issued, for the log scans');
    const { sas } = await grant(drp.path);
    assert.notEqual(sas, altered);
    assert.equal(new URL(sas).pathname, new URL(altered).pathname, 'the same grant, extended');
    assert.equal((await blob(sas, 'GET', { 'x-ms-range': 'bytes=0-511' })).status, 206);
  });

  it('grants a 1 TiB disk without holding it: its size, its last data and its footer', async () => {
    const disk = `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.web02.resourceGroup}/providers/Microsoft.Compute/disks/export-1tib`;
    const put = await h.arm('PUT', `${disk}?api-version=${D}`, { body: { location: dev.web02.location, properties: { creationData: { createOption: 'Empty' }, diskSizeGB: 1024 } } });
    assert.ok(put.status === 200 || put.status === 201 || put.status === 202, put.text);
    const { sas } = await grant(disk);
    const size = 1024 * GiB + 512;
    assert.equal(Number((await blob(sas, 'HEAD')).headers['content-length']), size);
    const ranges = h.emulator.controls.blobOf(`${disk}`)!.pageRanges;
    const last = ranges.at(-2)!;
    assert.ok(last.start > 900 * GiB, 'data is spread over the whole disk');
    assert.ok((await bytes(sas, last.end - 511, last.end)).some((b) => b !== 0));
    assert.equal((await bytes(sas, size - 512, size - 1)).toString('ascii', 0, 8), 'conectix');
    assert.equal((await h.arm('POST', `${disk}/endGetAccess?api-version=${D}`)).status, 202);
    assert.equal((await blob(sas, 'HEAD')).status, 403);
  });

  it('logs the range of each blob request, never its signature', async () => {
    const drp = await firstDisk(`${web02}/restorePoints/${dev.web02.restorePoints[0]}`);
    const { sas } = await grant(drp.path);
    h.emulator.controls.clearRequestLog();
    await bytes(sas, 0, 511);
    const [entry] = h.emulator.controls.requestLog;
    assert.equal(entry.range, 'bytes=0-511');
    assert.equal(entry.query.sig, 'REDACTED');
  });
});
