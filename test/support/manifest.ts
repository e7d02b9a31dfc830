import * as fs from 'node:fs';
import * as path from 'node:path';

/** `%key%`: a manifest string VS Code replaces with the key's text from package.nls.json. */
export const NLS_REFERENCE = /^%([^%\s]+)%$/;

export function readNls(repoRoot: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;
}

/** package.json with every `%key%` replaced from package.nls.json, as VS Code shows it in English. */
export function readLocalizedManifest<T>(repoRoot: string): T {
  const nls = readNls(repoRoot);
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'), (_key, value: unknown) => {
    const reference = typeof value === 'string' ? NLS_REFERENCE.exec(value) : null;
    return reference && reference[1] in nls ? nls[reference[1]] : value;
  }) as T;
}
