import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { getL10nJson, getL10nPseudoLocalized } from '@vscode/l10n-dev';
import { decideCleanUp, decisionReason, keepNewestProblem, olderThanDaysProblem } from '../../../src/azure/rules/cleanUp';
import { consistencyModeOptions } from '../../../src/azure/rules/consistencyModes';
import { copySourceProblem, copyTargetRegionProblem, restoreSourceProblem } from '../../../src/azure/rules/copyAndRestore';
import { excludedDisksProblem, mustExcludeReason, notExcludableReason, requiredExclusionReason } from '../../../src/azure/rules/diskExclusion';
import { diskNameProblem, nameInUseProblem, restorePointCollectionNameProblem, restorePointNameProblem } from '../../../src/azure/rules/names';
import { creationInProgressProblem, instantAccessDurationProblem, minimumIntervalProblem, restorePointLimitProblem } from '../../../src/azure/rules/restorePointCreation';
import type { VmDisk } from '../../../src/azure/rules/vmDisks';

const disk = (name: string, extra: Partial<VmDisk> = {}): VmDisk => ({ id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/${name}`, name, role: 'data', sku: 'Premium_LRS', ephemeral: false, writeAccelerated: false, ...extra });
const now = new Date('2026-11-25T12:00:00Z');

/** Every reason the clean-up rules give. */
function cleanUpReasons(): string[] {
  const rp = (name: string, days: number, provisioningState = 'Succeeded') => ({ id: `/x/restorePoints/${name}`, name, provisioningState, timeCreated: new Date(now.getTime() - days * 86_400_000) });
  const list = [rp('c', 0, 'Creating'), rp('a', 1), rp('b', 2), rp('d', 3), rp('e', 4), rp('f', 5, 'Failed'), rp('g', 30), rp('h', 31)];
  const copies = [{ id: '/x/c1', name: 'c1', sourceId: '/x/restorePoints/d', replication: 'Replicating' as const }, { id: '/x/c2', name: 'c2', sourceId: '/x/restorePoints/e', replication: 'Unknown' as const }];
  const decide = (deleteFailed: boolean, olderThanDays: number) => decideCleanUp(list, { keepNewest: 2, olderThanDays, deleteFailed }, now, copies).map((d) => decisionReason(d, { keepNewest: 2, olderThanDays, deleteFailed }));
  return [...decide(true, 7), ...decide(true, 1), ...decide(false, 0), decisionReason({ restorePoint: { id: '/x', name: 'x' }, verdict: 'keep', reason: 'noCreationTime' }, { keepNewest: 1, olderThanDays: 1, deleteFailed: true })];
}

/** One of each message the rules produce, as the user would see it. */
function everyRuleMessage(): (string | undefined)[] {
  const failed = { name: 'rp', provisioningState: 'Failed' };
  return [
    ...consistencyModeOptions('Linux').flatMap((o) => [o.label, o.description, o.detail]),
    ...consistencyModeOptions('Windows').flatMap((o) => [o.label, o.description, o.detail]),
    copyTargetRegionProblem('westeurope', 'westeurope'),
    copySourceProblem(failed),
    restoreSourceProblem(failed),
    restoreSourceProblem({ name: 'rp', provisioningState: 'Succeeded' }, { state: 'Failed', percent: 0 }),
    restoreSourceProblem({ name: 'rp', provisioningState: 'Succeeded' }, { state: 'InProgress', percent: 40 }),
    mustExcludeReason(disk('eph', { ephemeral: true })),
    mustExcludeReason(disk('shared', { maxShares: 2 })),
    requiredExclusionReason(disk('ultra', { sku: 'UltraSSD_LRS' }), 'CrashConsistent'),
    requiredExclusionReason(disk('pv2', { sku: 'PremiumV2_LRS' }), 'CrashConsistent'),
    requiredExclusionReason(disk('wa', { writeAccelerated: true }), 'CrashConsistent'),
    notExcludableReason(disk('os', { role: 'os' })),
    excludedDisksProblem([disk('a')], ['/x/unknown'], 'OsDefault'),
    excludedDisksProblem([disk('a')], [disk('a').id], 'OsDefault'),
    excludedDisksProblem([disk('wa', { writeAccelerated: true })], [], 'CrashConsistent'),
    ...['', 'a'.repeat(81), 'a b', '-a', 'a.'].flatMap((name) => [restorePointNameProblem(name), restorePointCollectionNameProblem(name)]),
    ...['', 'a'.repeat(81), 'a.b', '-a', 'a-'].map(diskNameProblem),
    ...['restore point', 'restore point collection', 'disk'].map((what) => nameInUseProblem('x', ['X'], what)),
    restorePointLimitProblem(Array.from({ length: 500 }, () => ({}))),
    creationInProgressProblem([{ name: 'rp', provisioningState: 'Creating' }]),
    minimumIntervalProblem([{ provisioningState: 'Succeeded', timeCreated: new Date(now.getTime() - 60_000) }], 'OsDefault', now),
    minimumIntervalProblem([{ provisioningState: 'Succeeded', timeCreated: new Date(now.getTime() - 60_000) }], 'CrashConsistent', now),
    instantAccessDurationProblem(0),
    keepNewestProblem('x'),
    olderThanDaysProblem('x'),
    ...cleanUpReasons(),
  ];
}

describe('rules: messages go through the translation bundle', () => {
  after(() => l10n.config({ contents: {} }));

  it('shows every rule message translated when the bundle extracted from src/azure/rules is translated', async () => {
    const english = everyRuleMessage();
    assert.ok(english.every((m) => typeof m === 'string' && m.length > 0), 'each scenario produces a message');

    // What the build does (esbuild.mjs), then a pseudo-translation of it, as a language pack would give.
    const rules = path.join(__dirname, '..', '..', '..', '..', 'src', 'azure', 'rules');
    const files = fs.readdirSync(rules).map((name) => ({ extension: path.extname(name), contents: fs.readFileSync(path.join(rules, name), 'utf8') }));
    l10n.config({ contents: getL10nPseudoLocalized(await getL10nJson(files)) });

    const translated = everyRuleMessage();
    const untranslated = english.filter((message, i) => translated[i] === message);
    assert.deepEqual(untranslated, [], 'messages that stay in English');
    // The kinds a wizard passes to nameInUseProblem are translated with the rest of the sentence.
    assert.doesNotMatch(nameInUseProblem('x', ['X'], 'restore point collection') ?? '', /restore point collection/);
  });
});
