/**
 * Address spaces for a new virtual network. A new network must not overlap the subscription's
 * networks in its region: overlapping networks cannot be peered, which is how a restored VM is
 * usually joined to the rest of a deployment.
 */

interface Range {
  first: number;
  last: number;
}

/** An IPv4 CIDR as a range of addresses; undefined for anything else (IPv6 prefixes are ignored). */
export function cidrRange(cidr: string): Range | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const address = octets.reduce((a, o) => a * 256 + o, 0);
  const size = 2 ** (32 - bits);
  const first = Math.floor(address / size) * size;
  return { first, last: first + size - 1 };
}

export const overlaps = (a: string, b: string): boolean => {
  const x = cidrRange(a);
  const y = cidrRange(b);
  return !!x && !!y && x.first <= y.last && y.first <= x.last;
};

/** The address space of a new network and its one subnet. */
export interface NewNetworkSpace {
  addressPrefix: string;
  subnetPrefix: string;
}

/**
 * The first 10.n.0.0/16 (n from 0 to 255) that overlaps none of `taken`, with its first /24 as the
 * subnet: the shape the portal proposes for a new VM's network. Undefined when all 256 are taken.
 */
export function freeAddressSpace(taken: readonly string[]): NewNetworkSpace | undefined {
  for (let n = 0; n < 256; n++) {
    const addressPrefix = `10.${n}.0.0/16`;
    if (!taken.some((t) => overlaps(t, addressPrefix))) return { addressPrefix, subnetPrefix: `10.${n}.0.0/24` };
  }
  return undefined;
}
