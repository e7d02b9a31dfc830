import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listVsixEntries, packageVsix } from '../runner/packageVsix';

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
    for (const required of ['extension/dist/extension.js', 'extension/package.json', 'extension/readme.md', 'extension/LICENSE.txt', 'extension/changelog.md', 'extension/media/restore-points.svg']) {
      assert.ok(entries.includes(required), `${required} is in the .vsix (entries: ${entries.join(', ')})`);
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
