import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, resultsDir } from '../runner/paths';
import { runMocha } from '../runner/runMocha';

/** The screenshots the README shows, taken by the UI tests from a real run. */
const README_SCREENSHOTS = ['tree', 'exclude-disks', 'replication-progress', 'clean-up-dry-run', 'download-progress', 'restore-vm', 'coverage'];

/**
 * `npm run screenshots`: runs the UI tests, then copies the README's screenshots into media/screenshots/
 * (they ship in the .vsix, so the extension's page in VS Code shows them too).
 */
async function main(): Promise<number> {
  const result = await runMocha([path.join(repoRoot, 'out', 'test', 'ui')], { timeout: 180_000 });
  if (result.failed > 0) {
    console.error(`ui: ${result.passed} passed, ${result.failed} failed: screenshots not refreshed`);
    return 1;
  }
  const target = path.join(repoRoot, 'media', 'screenshots');
  fs.mkdirSync(target, { recursive: true });
  for (const name of README_SCREENSHOTS) {
    const source = path.join(resultsDir, 'ui', `${name}.png`);
    if (fs.existsSync(source)) {
      fs.copyFileSync(source, path.join(target, `${name}.png`));
      console.log(`media/screenshots/${name}.png refreshed`);
    } else {
      console.log(`${name}.png: no UI test takes it yet`);
    }
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
