import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listVsixEntries, packageVsix, readVsixEntry } from '../runner/packageVsix';

describe('the packaged .vsix', function () {
  this.timeout(120_000);
  let dir: string;
  let vsix: string;
  let entries: string[];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vsix-'));
    vsix = path.join(dir, 'restore-points.vsix');
    packageVsix(vsix);
    entries = await listVsixEntries(vsix);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('holds the bundle, media, README, LICENSE, CHANGELOG and package.json', () => {
    for (const required of ['extension/dist/extension.js', 'extension/dist/azure.js', 'extension/package.json', 'extension/readme.md', 'extension/LICENSE.txt', 'extension/changelog.md', 'extension/media/restore-points.svg']) {
      assert.ok(entries.includes(required), `${required} is in the .vsix (entries: ${entries.join(', ')})`);
    }
  });

  it('holds every file the bundle loads at run time', async () => {
    const bundle = await readVsixEntry(vsix, 'extension/dist/extension.js');
    const loaded = [...bundle.matchAll(/require\(["']\.\/([^"']+)["']\)/g)].map((m) => `extension/dist/${m[1].endsWith('.js') ? m[1] : `${m[1]}.js`}`);
    assert.ok(loaded.length > 0, 'the entry loads the Azure SDK part lazily from a file beside it');
    for (const file of loaded) {
      assert.ok(entries.includes(file), `${file}, loaded by dist/extension.js, is in the .vsix`);
    }
  });

  it('holds nothing that does not run: no sources, tests, node_modules or source maps', () => {
    const forbidden = entries.filter((e) => /^extension\/(src|test|out|node_modules)\//.test(e) || e.endsWith('.map') || e.endsWith('.ts'));
    assert.deepStrictEqual(forbidden, []);
  });

  it('is under 1.5 MB', () => {
    assert.ok(fs.statSync(vsix).size < 1.5 * 1024 * 1024, `${fs.statSync(vsix).size} bytes`);
  });
});
