import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { cacheDir } from './paths';

/**
 * Launches the headless Chromium that acts as VS Code's web client. The browser ships inside the
 * @sparticuz/chromium npm package (no apt step, no download at run time); it unpacks into
 * os.tmpdir(), which we point at the git-ignored cache so it is unpacked once and reused.
 */
export async function launchChromium(): Promise<Browser> {
  useProjectTempDir();
  const { default: chromium } = await import('@sparticuz/chromium');
  const { chromium: playwright } = await import('playwright-core');
  const executablePath = await chromium.executablePath();
  return playwright.launch({
    executablePath,
    headless: true,
    // The machine has no internet: background networking only produces refused connections.
    args: [
      ...chromium.args,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Keeps Chromium's unpacked binary and VS Code's IPC sockets inside the project's cache. */
export function useProjectTempDir(): string {
  const tmp = path.join(cacheDir, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  process.env.TMPDIR = tmp;
  return tmp;
}
