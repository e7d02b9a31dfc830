import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NLS_REFERENCE, readNls } from '../support/manifest';

const root = path.join(__dirname, '..', '..', '..');
const manifestText = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText) as { displayName: string; description: string; contributes: unknown; capabilities: unknown };
const nls = readNls(root);

/** Manifest fields whose text a user reads: titles, names, descriptions, welcome contents. */
const TEXT_FIELDS = new Set(['title', 'name', 'contextualTitle', 'category', 'description', 'markdownDescription', 'contents', 'enumDescriptions', 'markdownEnumDescriptions', 'displayName']);

/** Every user-visible string under `value`, with where it is (e.g. contributes.commands.0.title). */
function visibleStrings(value: unknown, at: string): { at: string; text: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => visibleStrings(item, `${at}.${i}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const where = `${at}.${key}`;
    if (TEXT_FIELDS.has(key) && typeof child === 'string') return [{ at: where, text: child }];
    if (TEXT_FIELDS.has(key) && Array.isArray(child) && child.every((c) => typeof c === 'string')) return child.map((text: string, i) => ({ at: `${where}.${i}`, text }));
    return visibleStrings(child, where);
  });
}

describe('localization: package.json and package.nls.json', () => {
  const strings = [
    { at: 'displayName', text: manifest.displayName },
    { at: 'description', text: manifest.description },
    ...visibleStrings(manifest.capabilities, 'capabilities'),
    ...visibleStrings(manifest.contributes, 'contributes'),
  ];

  it('finds the contributed strings (commands, views, welcome contents, settings)', () => {
    for (const expected of ['contributes.commands.0.title', 'contributes.commands.0.category', 'contributes.views.restorePoints.0.name', 'contributes.viewsWelcome.0.contents', 'contributes.configuration.title']) {
      assert.ok(strings.some((s) => s.at === expected), `${expected} is checked`);
    }
    assert.ok(strings.some((s) => s.at.includes('.enumDescriptions.')) && strings.some((s) => s.at.endsWith('.markdownDescription')));
  });

  it('makes every title, name, description and welcome content a %key% of package.nls.json', () => {
    const fixed = strings.filter((s) => !NLS_REFERENCE.test(s.text)).map((s) => `${s.at}: "${s.text}"`);
    assert.deepEqual(fixed, [], 'fixed English in package.json');
    const unknown = strings.map((s) => NLS_REFERENCE.exec(s.text)?.[1]).filter((key): key is string => key !== undefined && !(key in nls));
    assert.deepEqual(unknown, [], 'keys package.nls.json does not have');
  });

  it('uses every key of package.nls.json, and none is empty', () => {
    const used = new Set([...manifestText.matchAll(/"%([^%\s"]+)%"/g)].map((m) => m[1]));
    assert.deepEqual(Object.keys(nls).filter((key) => !used.has(key)), [], 'keys package.json does not use');
    assert.deepEqual(Object.entries(nls).filter(([, text]) => typeof text !== 'string' || !text.trim()).map(([key]) => key), []);
  });
});
