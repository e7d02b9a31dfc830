import * as assert from 'node:assert/strict';
import { checkComputeName, checkDiskName } from '../../../src/emulator/http/validation';
import {
  defaultRestorePointName,
  diskNameProblem,
  nameInUseProblem,
  restorePointCollectionNameProblem,
  restorePointNameProblem,
} from '../../../src/azure/rules/names';

const emulatorAccepts = (check: () => void): boolean => {
  try {
    check();
    return true;
  } catch {
    return false;
  }
};

const COMPUTE_NAMES = ['a', 'rp-1', 'RP_1', 'rp.2026.11', 'x_', '9lives', 'a'.repeat(80), 'a'.repeat(81), '', '-rp', '_rp', '.rp', 'rp-', 'rp.', 'rp 1', 'rp/1', 'rp#1', 'répertoire', 'rp:1'];
const DISK_NAMES = ['d', 'disk-1', 'Disk_2', '_disk', 'disk_', 'a'.repeat(80), 'a'.repeat(81), '', '-disk', 'disk-', 'disk 1', 'disk/1', 'disque-é'];

describe('rules: names', () => {
  it('agrees with the emulator on restore point and collection names', () => {
    for (const name of COMPUTE_NAMES) {
      const arm = emulatorAccepts(() => checkComputeName(name, 'restorePointName'));
      assert.equal(restorePointNameProblem(name) === undefined, arm, `restore point '${name}'`);
      assert.equal(restorePointCollectionNameProblem(name) === undefined, arm, `collection '${name}'`);
    }
  });

  it('agrees with the emulator on disk names without periods, and refuses periods as the disk naming rule does', () => {
    for (const name of DISK_NAMES) assert.equal(diskNameProblem(name) === undefined, emulatorAccepts(() => checkDiskName(name)), `disk '${name}'`);
    assert.match(diskNameProblem('disk.1') ?? '', /'\.' is not allowed/);
  });

  it('says what is wrong in words', () => {
    assert.equal(restorePointNameProblem(''), 'Enter a name for the restore point.');
    assert.equal(restorePointNameProblem('a'.repeat(81)), 'A restore point name can have at most 80 characters; this one has 81.');
    assert.equal(restorePointNameProblem('rp 1'), "A restore point name can contain only letters, digits, '_', '-' and '.'; ' ' is not allowed.");
    assert.equal(restorePointCollectionNameProblem('_rpc'), 'A restore point collection name must start with a letter or a digit.');
    assert.equal(restorePointNameProblem('rp.'), "A restore point name must end with a letter, a digit or '_'.");
    assert.equal(diskNameProblem('disk-'), "A disk name must end with a letter, a digit or '_'.");
  });

  it('finds a name in use without regard to case', () => {
    assert.equal(nameInUseProblem('RP-web-02-001', ['rp-web-02-001', 'rp-web-02-002'], 'restore point'), "A restore point named 'rp-web-02-001' already exists here; choose another name.");
    assert.equal(nameInUseProblem('rp-new', ['rp-web-02-001'], 'restore point'), undefined);
  });

  it('proposes a default restore point name from the local date and time that passes the rules', () => {
    const name = defaultRestorePointName(new Date(2026, 10, 5, 7, 4));
    assert.equal(name, 'rp-20261105-0704');
    assert.equal(restorePointNameProblem(name), undefined);
  });
});
