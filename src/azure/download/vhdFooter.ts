import * as l10n from '@vscode/l10n';

export const VHD_FOOTER_BYTES = 512;
const FIXED_DISK = 2;

/**
 * Why the last 512 bytes of a downloaded disk are not the footer of a fixed VHD of that size
 * ("Virtual Hard Disk Image Format Specification": cookie, checksum, current size, disk type),
 * or undefined when they are. Hyper-V and qemu-img refuse a file this check refuses.
 */
export function vhdFooterProblem(footer: Buffer, fileBytes: number): string | undefined {
  if (footer.length !== VHD_FOOTER_BYTES || footer.toString('ascii', 0, 8) !== 'conectix') return l10n.t('The file does not end with a VHD footer.');
  let sum = 0;
  for (let i = 0; i < VHD_FOOTER_BYTES; i++) if (i < 64 || i >= 68) sum += footer[i];
  if (footer.readUInt32BE(64) !== (~sum >>> 0)) return l10n.t('The VHD footer checksum is wrong.');
  if (footer.readUInt32BE(60) !== FIXED_DISK) return l10n.t('The VHD is not a fixed disk.');
  const size = Number(footer.readBigUInt64BE(48));
  if (size !== fileBytes - VHD_FOOTER_BYTES) return l10n.t('The VHD footer gives a disk size of {0} bytes, but the file holds {1}.', size, fileBytes - VHD_FOOTER_BYTES);
  return undefined;
}
