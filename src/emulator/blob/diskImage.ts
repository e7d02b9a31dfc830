import { createHash } from 'node:crypto';
import { SeededRandom } from '../data/random';
import { buildVhdFooter, VHD_FOOTER_BYTES } from './vhdFooter';

export interface ByteRange {
  /** First byte. */
  start: number;
  /** Last byte, inclusive, as page ranges and HTTP ranges count. */
  end: number;
}

export interface DiskImageSpec {
  /** Names the disk: the same seed gives the same bytes in every process. */
  seed: string;
  /** The disk's size; the blob is this plus the footer. */
  sizeBytes: number;
  /** How much of the disk holds data; the rest was never written and is no page range. */
  dataBytes?: number;
  createdAtMs: number;
}

const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;
/** Few extents keep the page list short, as on a freshly installed disk. */
const EXTENTS = 12;

/**
 * A managed disk's page blob, computed rather than stored: data in a few extents (the first MiB,
 * where the partition table and boot code live, then extents spread over the disk), zeros
 * elsewhere, and a fixed-VHD footer. A 1 TiB disk costs a few numbers and one 64 KiB pattern.
 */
export class DiskImage {
  readonly sizeBytes: number;
  readonly blobBytes: number;
  readonly createdAtMs: number;
  /** Page ranges of the blob: the data extents, then the footer. */
  readonly pageRanges: readonly ByteRange[];
  private readonly pattern: Buffer;
  private readonly shift: number;
  private readonly footer: Buffer;

  constructor(spec: DiskImageSpec) {
    this.sizeBytes = spec.sizeBytes;
    this.blobBytes = spec.sizeBytes + VHD_FOOTER_BYTES;
    this.createdAtMs = spec.createdAtMs;
    const digest = createHash('sha256').update(spec.seed).digest();
    const random = new SeededRandom(digest.readUInt32BE(0));
    this.pattern = Buffer.alloc(CHUNK);
    for (let i = 0; i < CHUNK; i += 4) this.pattern.writeUInt32BE(Math.floor(random.next() * 4294967296), i);
    this.shift = digest.readUInt16BE(4);
    const dataBytes = spec.dataBytes ?? Math.min(32 * MiB, Math.floor(spec.sizeBytes / 8));
    this.pageRanges = [...dataExtents(spec.sizeBytes, dataBytes, random), { start: spec.sizeBytes, end: this.blobBytes - 1 }];
    this.footer = buildVhdFooter(spec.sizeBytes, digest.subarray(8, 24), spec.createdAtMs);
  }

  get dataBytes(): number {
    return this.pageRanges.reduce((sum, r) => sum + r.end - r.start + 1, 0) - VHD_FOOTER_BYTES;
  }

  /** The blob's bytes from `start` to `end` inclusive. */
  read(start: number, end: number): Buffer {
    const out = Buffer.alloc(end - start + 1);
    for (const range of this.pageRanges) {
      const from = Math.max(start, range.start);
      const to = Math.min(end, range.end);
      if (from > to) continue;
      if (range.start === this.sizeBytes) this.footer.copy(out, from - start, from - this.sizeBytes, to - this.sizeBytes + 1);
      else this.fill(out, from - start, from, to);
    }
    return out;
  }

  /** Data bytes: the pattern, rotated differently in every 64 KiB chunk so no two chunks match. */
  private fill(out: Buffer, at: number, from: number, to: number): void {
    let offset = from;
    while (offset <= to) {
      const chunk = Math.floor(offset / CHUNK);
      const within = offset % CHUNK;
      const length = Math.min(CHUNK - within, to - offset + 1);
      const rotation = (chunk * 40503 + this.shift) % CHUNK;
      const first = (within + rotation) % CHUNK;
      const head = Math.min(length, CHUNK - first);
      this.pattern.copy(out, at + offset - from, first, first + head);
      if (head < length) this.pattern.copy(out, at + offset - from + head, 0, length - head);
      offset += length;
    }
  }
}

/** The first MiB, then extents of whole 64 KiB chunks, each in its own zone of the disk so none touch. */
function dataExtents(sizeBytes: number, dataBytes: number, random: SeededRandom): ByteRange[] {
  const head = Math.min(MiB, sizeBytes, roundUp(dataBytes, CHUNK));
  const extents: ByteRange[] = head > 0 ? [{ start: 0, end: head - 1 }] : [];
  const rest = roundUp(Math.max(0, dataBytes - head), CHUNK);
  if (rest === 0) return extents;
  const zone = Math.floor((sizeBytes - head) / EXTENTS / CHUNK) * CHUNK;
  const perExtent = roundUp(Math.ceil(rest / EXTENTS), CHUNK);
  if (perExtent >= zone) throw new RangeError(`A ${sizeBytes}-byte disk cannot hold ${dataBytes} bytes of data in ${EXTENTS} separate extents.`);
  let left = rest;
  for (let i = 0; i < EXTENTS && left > 0; i++) {
    const length = Math.min(perExtent, left);
    // A gap of at least one chunk before each extent, so each is a page range of its own.
    const slack = Math.floor((zone - length) / CHUNK) - 1;
    const start = head + i * zone + (1 + random.int(0, Math.max(0, slack - 1))) * CHUNK;
    extents.push({ start, end: start + length - 1 });
    left -= length;
  }
  return extents;
}

function roundUp(n: number, unit: number): number {
  return Math.ceil(n / unit) * unit;
}
