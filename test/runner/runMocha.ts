import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface MochaCounts {
  readonly passed: number;
  readonly failed: number;
}

/** Runs every *.test.js below the given folders in this Node process (plain Node, no VS Code). */
export async function runMocha(folders: readonly string[], options: Mocha.MochaOptions = {}): Promise<MochaCounts> {
  const mocha = new Mocha({ timeout: 20_000, ...options });
  for (const folder of folders.filter((f) => fs.existsSync(f))) {
    for (const file of fs.readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.js')).sort()) {
      mocha.addFile(path.join(folder, file));
    }
  }
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0 }));
  });
}
