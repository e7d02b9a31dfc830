import * as assert from 'node:assert/strict';
import { freeAddressSpace, overlaps } from '../../../src/azure/rules/addressSpace';

describe('address space of a new virtual network', () => {
  it('overlaps: any shared address, whatever the prefix lengths', () => {
    assert.equal(overlaps('10.0.0.0/16', '10.0.255.0/24'), true);
    assert.equal(overlaps('10.0.0.0/8', '10.200.0.0/16'), true);
    assert.equal(overlaps('10.0.0.0/16', '10.1.0.0/16'), false);
    assert.equal(overlaps('192.168.1.0/24', '192.168.0.0/24'), false);
    assert.equal(overlaps('fd00::/8', '10.0.0.0/16'), false);
  });

  it("takes the first 10.n.0.0/16 none of the region's networks overlaps, its first /24 as the subnet", () => {
    assert.deepEqual(freeAddressSpace([]), { addressPrefix: '10.0.0.0/16', subnetPrefix: '10.0.0.0/24' });
    assert.deepEqual(freeAddressSpace(['10.0.0.0/16', '10.1.4.0/22', '172.16.0.0/12']), { addressPrefix: '10.2.0.0/16', subnetPrefix: '10.2.0.0/24' });
  });

  it('finds nothing when the whole of 10.0.0.0/8 is in use', () => {
    assert.equal(freeAddressSpace(['10.0.0.0/8']), undefined);
  });
});
