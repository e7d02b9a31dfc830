import * as assert from 'node:assert/strict';
import { resourceGroupNameProblem, vmNameProblem } from '../../../src/azure/rules/vmNames';

describe('virtual machine names', () => {
  it('accepts letters, digits and hyphens, within the length of the OS', () => {
    assert.equal(vmNameProblem('web-02-restored', 'Linux'), undefined);
    assert.equal(vmNameProblem('a'.repeat(64), 'Linux'), undefined);
    assert.equal(vmNameProblem('WIN-01', 'Windows'), undefined);
  });

  it('says what is wrong: length, a character, the end, digits only on Windows', () => {
    assert.match(vmNameProblem('', 'Linux') ?? '', /Enter a name/);
    assert.match(vmNameProblem('a'.repeat(65), 'Linux') ?? '', /at most 64 characters; this one has 65/);
    assert.match(vmNameProblem('web-restored-001', 'Windows') ?? '', /at most 15/);
    assert.match(vmNameProblem('web_01', 'Linux') ?? '', /'_' is not allowed/);
    assert.match(vmNameProblem('web 01', 'Linux') ?? '', /a space/);
    assert.match(vmNameProblem('web.01', 'Linux') ?? '', /'\.' is not allowed/);
    assert.match(vmNameProblem('web-', 'Linux') ?? '', /cannot end with '-'/);
    assert.match(vmNameProblem('12345', 'Windows') ?? '', /only digits/);
    assert.equal(vmNameProblem('12345', 'Linux'), undefined);
  });

  it('resource group names: letters, digits and _-.(), not ending with a dot', () => {
    assert.equal(resourceGroupNameProblem('rg-web.restored(1)'), undefined);
    assert.match(resourceGroupNameProblem('rg web') ?? '', /' ' is not allowed/);
    assert.match(resourceGroupNameProblem('rg.') ?? '', /cannot end with '\.'/);
    assert.match(resourceGroupNameProblem('r'.repeat(91)) ?? '', /at most 90/);
  });
});
