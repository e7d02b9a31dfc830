import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listVsixEntries, packageVsix, readVsixEntry } from '../runner/packageVsix';

/** The first string-literal argument of every matching call in src/ (quotes unescaped). */
function sourceMessages(include: (file: string) => boolean, call: RegExp): string[] {
  const src = path.join(__dirname, '..', '..', '..', 'src');
  const files = (fs.readdirSync(src, { recursive: true }) as string[]).map((f) => path.join(src, f)).filter((f) => f.endsWith('.ts') && include(f));
  return files.flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(call)].map((m) => (m[1] ?? m[2]).replace(/\\(['"\\])/g, '$1')));
}

describe('the packaged .vsix', function () {
  this.timeout(120_000);
  let dir: string;
  let vsix: string;
  let entries: string[];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vsix-'));
    // `npm test` packages the .vsix once, before the unit tests, for this test and for the stage
    // that installs it into VS Code; run on its own, this test packages one.
    vsix = process.env.RESTORE_POINTS_TEST_VSIX ?? path.join(dir, 'restore-points.vsix');
    if (!process.env.RESTORE_POINTS_TEST_VSIX) packageVsix(vsix);
    entries = await listVsixEntries(vsix);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('holds the bundle, media, README, LICENSE, CHANGELOG and package.json', () => {
    for (const required of ['extension/dist/extension.js', 'extension/dist/azure.js', 'extension/dist/network.js', 'extension/dist/storage.js', 'extension/dist/l10n/bundle.l10n.json', 'extension/package.json', 'extension/package.nls.json', 'extension/readme.md', 'extension/LICENSE.txt', 'extension/changelog.md', 'extension/media/restore-points.svg']) {
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

  it('writes its code in ASCII, so that V8 holds each file\'s source at one byte a character', async () => {
    const code = entries.filter((e) => /^extension\/dist\/[^/]+\.js$/.test(e));
    assert.ok(code.length >= 4, `the bundle's files: ${code.join(', ')}`);
    for (const file of code) {
      const text = await readVsixEntry(vsix, file);
      const at = text.search(/[^\0-\x7f]/);
      assert.equal(at, -1, `${file} has a non-ASCII character at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 10))}`);
    }
  });

  it('holds nothing that does not run: no sources, tests, node_modules or source maps', () => {
    const forbidden = entries.filter((e) => /^extension\/(src|test|out|node_modules)\//.test(e) || e.endsWith('.map') || e.endsWith('.ts'));
    assert.deepStrictEqual(forbidden, []);
  });

  it('holds the runtime strings of both vscode.l10n.t and @vscode/l10n (src/azure) where package.json\'s l10n points', async () => {
    const manifest = JSON.parse(await readVsixEntry(vsix, 'extension/package.json')) as { l10n?: string };
    assert.equal(manifest.l10n, './dist/l10n');
    const bundle = JSON.parse(await readVsixEntry(vsix, 'extension/dist/l10n/bundle.l10n.json')) as Record<string, unknown>;
    const fromVSCode = sourceMessages(() => true, /\bvscode\.l10n\.t\(\s*'((?:\\.|[^'\\])*)'/g);
    const fromAzure = sourceMessages((file) => file.includes(`${path.sep}azure${path.sep}rules${path.sep}`), /\bl10n\.t\(\s*(?:'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)")/g);
    assert.ok(fromVSCode.length > 50 && fromAzure.length > 20, `${fromVSCode.length} vscode.l10n.t and ${fromAzure.length} rule messages found in src`);
    assert.deepEqual([...fromVSCode, ...fromAzure].filter((message) => !(message in bundle)), [], 'messages missing from the bundle');
  });

  it('is under 1.5 MB', () => {
    assert.ok(fs.statSync(vsix).size < 1.5 * 1024 * 1024, `${fs.statSync(vsix).size} bytes`);
  });
});
