/** IPv4 address arithmetic for address spaces, subnets and private IP allocation. */

export interface Cidr {
  /** The network address as an unsigned 32-bit number. */
  base: number;
  bits: number;
  size: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIp(text: string): number | undefined {
  const m = IPV4.exec(text.trim());
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

export function formatIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

/** Parses `a.b.c.d/n`; undefined when malformed or when host bits are set (Azure refuses those too). */
export function parseCidr(text: string): Cidr | undefined {
  const [ip, bitsText, extra] = text.split('/');
  if (extra !== undefined || bitsText === undefined || !/^\d{1,2}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  const base = parseIp(ip);
  if (base === undefined || bits > 32) return undefined;
  const size = 2 ** (32 - bits);
  if (base % size !== 0) return undefined;
  return { base, bits, size };
}

export const overlaps = (a: Cidr, b: Cidr): boolean => a.base < b.base + b.size && b.base < a.base + a.size;

export const contains = (outer: Cidr, inner: Cidr): boolean => inner.base >= outer.base && inner.base + inner.size <= outer.base + outer.size;

export const includesIp = (range: Cidr, ip: number): boolean => ip >= range.base && ip < range.base + range.size;

/**
 * Azure reserves five addresses in every subnet: the network address, the next three (gateway and
 * DNS) and the broadcast address; the first address a NIC can get is x.x.x.4.
 */
export function usableAddresses(subnet: Cidr): { first: number; last: number } {
  return { first: subnet.base + 4, last: subnet.base + subnet.size - 2 };
}
