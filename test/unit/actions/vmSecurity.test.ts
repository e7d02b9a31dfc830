import * as assert from 'node:assert/strict';
import type { RestorePoint } from '@azure/arm-compute';
import { unsupportedSecurityReason } from '../../../src/azure/actions/vmSecurity';

const of = (securityType?: string): RestorePoint => ({ name: 'rp-1', sourceMetadata: securityType ? { securityProfile: { securityType } } : {} }) as RestorePoint;

describe('security types a VM can be brought back with', () => {
  it('refuses a Confidential VM, naming the restore point and why', () => {
    assert.match(unsupportedSecurityReason(of('ConfidentialVM')) ?? '', /'rp-1' is of a Confidential VM: .*encryption/);
  });

  it('accepts a Trusted Launch VM and one without a security type', () => {
    assert.equal(unsupportedSecurityReason(of('TrustedLaunch')), undefined);
    assert.equal(unsupportedSecurityReason(of()), undefined);
  });
});
