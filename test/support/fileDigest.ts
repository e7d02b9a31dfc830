import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

const STEP = 4 * 1024 * 1024;

/** SHA-256 of a file's bytes from `start` to `end` inclusive: compared with the emulator's digest of the same blob range. */
export function fileDigest(file: string, start: number, end: number): string {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(STEP);
  const fd = openSync(file, 'r');
  try {
    for (let from = start; from <= end; from += STEP) {
      const length = Math.min(STEP, end - from + 1);
      const read = readSync(fd, buffer, 0, length, from);
      hash.update(buffer.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
