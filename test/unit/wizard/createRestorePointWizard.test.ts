import * as assert from 'node:assert/strict';
import type { ComputeManagementClient, RestorePoint, RestorePointCollection, VirtualMachine } from '@azure/arm-compute';
import { createRestorePoint } from '../../../src/azure/actions/createRestorePoint';
import { consistencyModeOptions, type ConsistencyChoice } from '../../../src/azure/rules/consistencyModes';
import { excludedDisksProblem, notExcludableReason, requiredExclusionReason } from '../../../src/azure/rules/diskExclusion';
import { defaultRestorePointName, nameInUseProblem, restorePointNameProblem } from '../../../src/azure/rules/names';
import { creationInProgressProblem, restorePointLimitProblem } from '../../../src/azure/rules/restorePointCreation';
import { vmDisksOf, type VmDisk } from '../../../src/azure/rules/vmDisks';
import { BACK, isUserCancelled } from '../../../src/commands/wizard/prompter';
import { runWizard, type PromptStep } from '../../../src/commands/wizard/wizard';
import { demoCatalog } from '../../../src/emulator/data/demoCatalog';
import { useEmulator } from '../../emulator/harness';
import { computeClient } from '../../emulator/sdkClients';
import { answer, ScriptedPrompter, type ScriptedAnswer } from '../../support/scriptedPrompter';
import { finishOnAccept } from '../actions/actionHarness';

/*
 * An example of a wizard built from the framework, the rules and the actions, as the commands
 * layer will build its own: it shows that they fit, against the emulator.
 */
interface CreateContext {
  client: ComputeManagementClient;
  vm: VirtualMachine;
  disks: VmDisk[];
  collection?: RestorePointCollection;
  existing?: RestorePoint[];
  name?: string;
  mode?: ConsistencyChoice;
  excludeDiskIds?: string[];
}

const collectionStep: PromptStep<CreateContext> = {
  shouldPrompt: (ctx) => !ctx.collection,
  async prompt(ctx, prompter) {
    const load = async () => {
      const items = [];
      for await (const c of ctx.client.restorePointCollections.list(ctx.vm.id!.split('/')[4])) {
        if (c.source?.id?.toLowerCase() === ctx.vm.id!.toLowerCase()) items.push({ label: c.name!, description: c.location, value: c });
      }
      return items;
    };
    const picked = await prompter.pickOne({ placeholder: 'Restore point collection', items: load(), isDefault: (c) => c.id === ctx.collection?.id });
    if (picked === BACK) return BACK;
    ctx.collection = picked;
  },
};

const nameStep: PromptStep<CreateContext> = {
  shouldPrompt: (ctx) => !ctx.name,
  async prompt(ctx, prompter) {
    const rpc = await ctx.client.restorePointCollections.get(ctx.vm.id!.split('/')[4], ctx.collection!.name!, { expand: 'restorePoints' });
    ctx.existing = rpc.restorePoints ?? [];
    const blocked = creationInProgressProblem(ctx.existing) ?? restorePointLimitProblem(ctx.existing);
    const names = ctx.existing.map((rp) => rp.name ?? '');
    const name = await prompter.input({
      prompt: blocked ? `Warning: ${blocked}` : 'Restore point name',
      value: ctx.name ?? defaultRestorePointName(new Date(2026, 10, 25, 3, 30)),
      validate: (v) => restorePointNameProblem(v) ?? nameInUseProblem(v, names, 'restore point'),
    });
    if (name === BACK) return BACK;
    ctx.name = name;
  },
};

const modeStep: PromptStep<CreateContext> = {
  shouldPrompt: (ctx) => !ctx.mode,
  async prompt(ctx, prompter) {
    const options = consistencyModeOptions(ctx.vm.storageProfile?.osDisk?.osType);
    const mode = await prompter.pickOne({ placeholder: 'Consistency', items: options.map((o) => ({ label: o.label, description: o.description, detail: o.detail, value: o.choice })), isDefault: (c) => c === (ctx.mode ?? 'OsDefault') });
    if (mode === BACK) return BACK;
    ctx.mode = mode;
  },
};

const excludeStep: PromptStep<CreateContext> = {
  shouldPrompt: (ctx) => !ctx.excludeDiskIds,
  async prompt(ctx, prompter) {
    const items = ctx.disks.map((d) => {
      const required = requiredExclusionReason(d, ctx.mode!);
      return { label: d.name, description: `${d.sizeGB} GiB ${d.sku ?? ''}`, value: d.id, picked: !!required || !!ctx.excludeDiskIds?.includes(d.id), disabledReason: required ?? notExcludableReason(d) };
    });
    const excluded = await prompter.pickMany({ placeholder: 'Disks to exclude', items });
    if (excluded === BACK) return BACK;
    ctx.excludeDiskIds = excluded;
  },
};

const summaryStep: PromptStep<CreateContext> = {
  shouldPrompt: () => true,
  async prompt(ctx, prompter) {
    const problem = excludedDisksProblem(ctx.disks, ctx.excludeDiskIds ?? [], ctx.mode!);
    if (problem) throw new Error(problem);
    return prompter.confirm({ message: `Create restore point '${ctx.name}' of ${ctx.vm.name}?`, detail: `${ctx.excludeDiskIds!.length} disk(s) excluded.`, confirmLabel: 'Create' }).then((a) => (a === BACK ? BACK : undefined));
  },
};

const steps = [collectionStep, nameStep, modeStep, excludeStep, summaryStep];
const execute = {
  execute: (ctx: CreateContext) =>
    createRestorePoint(ctx.client, {
      collection: { resourceGroup: ctx.vm.id!.split('/')[4], name: ctx.collection!.name! },
      name: ctx.name!,
      consistencyMode: consistencyModeOptions(undefined).find((o) => o.choice === ctx.mode)!.requestValue,
      excludeDiskIds: ctx.excludeDiskIds,
    }, finishOnAccept(h)),
};

const dev = demoCatalog.devTest;
let h: ReturnType<typeof useEmulator>;

describe('example: a create-restore-point wizard on the framework, against the emulator', function () {
  h = useEmulator();
  let client: ComputeManagementClient;

  before(() => {
    client = computeClient(h.emulator, dev.subscriptionId);
  });

  async function context(entry: { resourceGroup: string; vm: string }): Promise<CreateContext> {
    const vm = await client.virtualMachines.get(entry.resourceGroup, entry.vm);
    const managed = [];
    for await (const d of client.disks.listByResourceGroup(entry.resourceGroup)) managed.push(d);
    return { client, vm, disks: vmDisksOf(vm, managed) };
  }

  const restorePointCount = () => h.emulator.controls.store.restorePoints.size;

  it('creates a crash-consistent restore point of sql-01 with the disks it must leave out pre-excluded', async () => {
    const prompter = new ScriptedPrompter([answer.pick(dev.sql01.collection), answer.acceptDefault(), answer.pick('Crash consistent'), answer.pickMany('sql-01-data-2', 'sql-01-data-3', 'sql-01-data-1'), answer.confirm()]);
    const ctx = await context(dev.sql01);
    const rp = await runWizard(steps, execute, ctx, prompter, { title: 'Create restore point' });
    assert.equal(rp.name, 'rp-20261125-0330');
    assert.equal(rp.consistencyMode, 'CrashConsistent');
    const disksAsked = prompter.asked[3].items!;
    assert.deepEqual(disksAsked.filter((i) => i.disabledReason).map((i) => [i.label, i.picked ?? false]), [[ctx.disks[0].name, false], ['sql-01-data-2', true], ['sql-01-data-3', true]]);
    assert.match(disksAsked[0].disabledReason ?? '', /OS disk is always in/);
    assert.equal(h.emulator.controls.store.restorePoints.get(rp.id!.toLowerCase())?.excludeDiskIds.length, 3);
  });

  it('goes Back from the summary to the disks with the earlier choice, and further back to the mode, then creates', async () => {
    const ctx = await context(dev.web02);
    const dataDisk = ctx.disks.find((d) => d.role === 'data')!;
    const prompter = new ScriptedPrompter([
      answer.pick(dev.web02.collection),
      answer.input('rp-web-02-001', 'rp-back'),
      answer.acceptDefault(),
      answer.pickMany(dataDisk.name),
      answer.back(),
      answer.back(),
      answer.acceptDefault(),
      answer.pickMany(dataDisk.name),
      answer.confirm(),
    ]);
    const rp = await runWizard(steps, execute, ctx, prompter);
    assert.deepEqual(prompter.asked[1].validationMessages, ["A restore point named 'rp-web-02-001' already exists here; choose another name."]);
    assert.deepEqual(prompter.asked.map((a) => a.kind), ['pickOne', 'input', 'pickOne', 'pickMany', 'confirm', 'pickMany', 'pickOne', 'pickMany', 'confirm']);
    const picked = (i: number) => prompter.asked[i].items?.filter((item) => item.picked).map((item) => item.label);
    assert.deepEqual(picked(5), [dataDisk.name], 'the disks step reopens with the earlier choice');
    assert.deepEqual(prompter.asked[6].items?.filter((i) => i.isDefault).map((i) => i.label), ['Application consistent']);
    assert.deepEqual(picked(7), [], 'choices made after the step gone back to are forgotten');
    assert.equal(rp.name, 'rp-back');
    assert.deepEqual(h.emulator.controls.store.restorePoints.get(rp.id!.toLowerCase())?.excludeDiskIds.map((id) => id.toLowerCase()), [dataDisk.id.toLowerCase()]);
  });

  const fullScript: ScriptedAnswer[] = [answer.pick(dev.web02.collection), answer.acceptDefault(), answer.acceptDefault(), answer.acceptDefault(), answer.confirm()];
  for (let at = 0; at < fullScript.length; at++) {
    it(`creates nothing when cancelled at step ${at + 1}`, async () => {
      const before = restorePointCount();
      const prompter = new ScriptedPrompter([...fullScript.slice(0, at), answer.escape()]);
      await assert.rejects(runWizard(steps, execute, await context(dev.web02), prompter), (e) => isUserCancelled(e));
      assert.equal(restorePointCount(), before);
      assert.equal(h.emulator.controls.requestLog.filter((r) => r.method !== 'GET').length, 0, 'nothing but reads reached ARM');
    });
  }

  it('skips the collection step when it comes from the tree, and warns when a restore point is still creating', async () => {
    const ctx = await context(dev.web01);
    ctx.collection = await client.restorePointCollections.get(dev.web01.resourceGroup, dev.web01.collection);
    const prompter = new ScriptedPrompter([answer.escape()]);
    await assert.rejects(runWizard(steps, execute, ctx, prompter), (e) => isUserCancelled(e));
    assert.equal(prompter.asked[0].kind, 'input');
    assert.match(prompter.asked[0].prompt ?? '', /Warning: Restore point 'rp-web-01-creating' is still being created/);
  });
});
