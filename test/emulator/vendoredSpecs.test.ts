import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { jsonFiles, SPEC_DIR, SPEC_ROOT } from './specContract';

/** `- \`specification/…\` · [repo@commit](url) · sha256 \`…\`` lines of PROVENANCE.md. */
function provenance(): Map<string, { url: string; sha256: string }> {
  const text = readFileSync(join(SPEC_DIR, 'PROVENANCE.md'), 'utf8');
  const entries = new Map<string, { url: string; sha256: string }>();
  for (const match of text.matchAll(/^- `([^`]+)` · \[[^\]]+\]\(([^)]+)\) · sha256 `([0-9a-f]{64})`$/gm)) {
    entries.set(match[1], { url: match[2], sha256: match[3] });
  }
  return entries;
}

describe('the vendored Azure REST API specs', () => {
  const files = jsonFiles(SPEC_ROOT, true).map((file) => relative(SPEC_DIR, file).split('\\').join('/'));
  const listed = provenance();

  it('ship with the spec repository\'s licence', () => {
    assert.match(readFileSync(join(SPEC_DIR, 'LICENSE'), 'utf8'), /MIT License[\s\S]*Copyright \(c\) 2017 Microsoft/);
  });

  it('are each listed in PROVENANCE.md with the spec repository commit they come from', () => {
    assert.ok(files.length > 0, `no spec files under ${SPEC_ROOT}`);
    assert.deepEqual([...listed.keys()].sort(), [...files].sort());
    for (const [file, { url }] of listed) {
      assert.match(url, new RegExp(`^https://github\\.com/Azure/azure-rest-api-specs/blob/[0-9a-f]{40}/${file.replace(/[.]/g, '\\.')}$`), file);
    }
  });

  it('are unchanged since they were copied (SHA-256 as recorded)', () => {
    for (const [file, { sha256 }] of listed) {
      const path = join(SPEC_DIR, file);
      assert.ok(existsSync(path), `${file} is listed but missing`);
      assert.equal(createHash('sha256').update(readFileSync(path)).digest('hex'), sha256, `${file} differs from the copy PROVENANCE.md records`);
    }
  });
});
