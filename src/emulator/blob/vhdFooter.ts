/**
 * The 512-byte footer of a fixed VHD ("Virtual Hard Disk Image Format Specification", Microsoft,
 * 2006, "Hard Disk Footer Format"): what Azure page blobs of managed disks end with.
 */
export const VHD_FOOTER_BYTES = 512;

/** Seconds from 1970 to 2000-01-01 00:00 UTC, the VHD time stamp's epoch. */
const VHD_EPOCH_SECONDS = 946_684_800;

export function buildVhdFooter(sizeBytes: number, uniqueId: Buffer, createdAtMs: number): Buffer {
  const footer = Buffer.alloc(VHD_FOOTER_BYTES);
  footer.write('conectix', 0, 'ascii');
  footer.writeUInt32BE(0x00000002, 8); // features: the reserved bit, always set
  footer.writeUInt32BE(0x00010000, 12); // file format version 1.0
  footer.writeBigUInt64BE(0xffffffffffffffffn, 16); // data offset: none for a fixed disk
  footer.writeUInt32BE(Math.max(0, Math.floor(createdAtMs / 1000) - VHD_EPOCH_SECONDS) >>> 0, 24);
  footer.write('win ', 28, 'ascii'); // creator application, as Azure's own VHDs carry
  footer.writeUInt32BE(0x000a0000, 32); // creator version 10.0
  footer.write('Wi2k', 36, 'ascii'); // creator host OS: Windows
  footer.writeBigUInt64BE(BigInt(sizeBytes), 40); // original size
  footer.writeBigUInt64BE(BigInt(sizeBytes), 48); // current size
  const { cylinders, heads, sectorsPerTrack } = chsGeometry(sizeBytes);
  footer.writeUInt16BE(cylinders, 56);
  footer.writeUInt8(heads, 58);
  footer.writeUInt8(sectorsPerTrack, 59);
  footer.writeUInt32BE(2, 60); // disk type: fixed
  uniqueId.copy(footer, 68, 0, 16);
  footer.writeUInt32BE(vhdChecksum(footer), 64);
  return footer;
}

/** One's complement of the sum of every footer byte, the checksum field taken as zero. */
export function vhdChecksum(footer: Buffer): number {
  let sum = 0;
  for (let i = 0; i < VHD_FOOTER_BYTES; i++) if (i < 64 || i >= 68) sum += footer[i];
  return ~sum >>> 0;
}

/** The specification's CHS algorithm (Appendix: "CHS Calculation"), capped as it says. */
function chsGeometry(sizeBytes: number): { cylinders: number; heads: number; sectorsPerTrack: number } {
  let totalSectors = Math.floor(sizeBytes / 512);
  if (totalSectors > 65535 * 16 * 255) totalSectors = 65535 * 16 * 255;
  let sectorsPerTrack: number;
  let heads: number;
  let cylinderTimesHeads: number;
  if (totalSectors >= 65535 * 16 * 63) {
    sectorsPerTrack = 255;
    heads = 16;
    cylinderTimesHeads = Math.floor(totalSectors / sectorsPerTrack);
  } else {
    sectorsPerTrack = 17;
    cylinderTimesHeads = Math.floor(totalSectors / sectorsPerTrack);
    heads = Math.max(4, Math.floor((cylinderTimesHeads + 1023) / 1024));
    if (cylinderTimesHeads >= heads * 1024 || heads > 16) {
      sectorsPerTrack = 31;
      heads = 16;
      cylinderTimesHeads = Math.floor(totalSectors / sectorsPerTrack);
    }
    if (cylinderTimesHeads >= heads * 1024) {
      sectorsPerTrack = 63;
      heads = 16;
      cylinderTimesHeads = Math.floor(totalSectors / sectorsPerTrack);
    }
  }
  return { cylinders: Math.floor(cylinderTimesHeads / heads), heads, sectorsPerTrack };
}
