import * as assert from 'node:assert/strict';
import { BACK, isUserCancelled, type Prompter } from '../../../src/commands/wizard/prompter';
import { runWizard, type ExecuteStep, type PromptStep } from '../../../src/commands/wizard/wizard';
import { answer, ScriptedPrompter } from '../../support/scriptedPrompter';

interface TripContext {
  region?: string;
  name?: string;
  extras?: string[];
}

const REGIONS = ['eastus', 'westus', 'westeurope'];

const regionStep: PromptStep<TripContext> = {
  shouldPrompt: (ctx) => ctx.region === undefined,
  async prompt(ctx, prompter, earlier) {
    const region = await prompter.pickOne({
      placeholder: 'Region',
      items: Promise.resolve(REGIONS.map((r) => ({ label: r, value: r }))),
      isDefault: (r) => r === earlier?.region,
    });
    if (region === BACK) return BACK;
    ctx.region = region;
  },
};

const nameStep: PromptStep<TripContext> = {
  shouldPrompt: (ctx) => ctx.name === undefined,
  async prompt(ctx, prompter, earlier) {
    const name = await prompter.input({ prompt: 'Name', value: earlier?.name ?? `trip-${ctx.region}`, validate: (v) => (/^[a-z-]+$/.test(v) ? undefined : 'Lowercase letters and hyphens only.') });
    if (name === BACK) return BACK;
    ctx.name = name;
  },
};

const extrasStep: PromptStep<TripContext> = {
  shouldPrompt: (ctx) => ctx.extras === undefined,
  async prompt(ctx, prompter, earlier) {
    const extras = await prompter.pickMany({
      items: [
        { label: 'insurance', value: 'insurance', picked: true, disabledReason: 'Always included.' },
        { label: 'breakfast', value: 'breakfast', picked: earlier?.extras?.includes('breakfast') },
        { label: 'parking', value: 'parking' },
      ],
    });
    if (extras === BACK) return BACK;
    ctx.extras = extras;
  },
};

function recordingExecute(): ExecuteStep<TripContext, string> & { calls: TripContext[] } {
  const calls: TripContext[] = [];
  return { calls, execute: async (ctx) => (calls.push({ ...ctx }), `${ctx.region}/${ctx.name}/${ctx.extras?.join('+')}`) };
}

const steps = [regionStep, nameStep, extrasStep];

describe('runWizard', () => {
  it('asks every step in order, numbers them and executes once with the answers', async () => {
    const prompter = new ScriptedPrompter([answer.pick('westus'), answer.acceptDefault(), answer.pickMany('insurance', 'parking')]);
    const execute = recordingExecute();
    const result = await runWizard(steps, execute, {}, prompter, { title: 'Plan a trip' });
    assert.equal(result, 'westus/trip-westus/insurance+parking');
    assert.equal(execute.calls.length, 1);
    assert.deepEqual(prompter.asked.map((a) => [a.kind, a.title, a.step, a.totalSteps, a.canGoBack]), [
      ['pickOne', 'Plan a trip', 1, 3, false],
      ['input', 'Plan a trip', 2, 3, true],
      ['pickMany', 'Plan a trip', 3, 3, true],
    ]);
  });

  it('skips the steps whose answers are pre-filled, as from a tree node', async () => {
    const prompter = new ScriptedPrompter([answer.input('home'), answer.acceptDefault()]);
    const result = await runWizard(steps, recordingExecute(), { region: 'eastus' }, prompter);
    assert.equal(result, 'eastus/home/insurance');
    assert.deepEqual(prompter.asked.map((a) => [a.kind, a.step, a.totalSteps, a.canGoBack]), [
      ['input', 1, 2, false],
      ['pickMany', 2, 2, true],
    ]);
  });

  it('goes Back to the previous step with its earlier answer as the default', async () => {
    const prompter = new ScriptedPrompter([answer.pick('westeurope'), answer.input('city-break'), answer.back(), answer.back(), answer.acceptDefault(), answer.acceptDefault(), answer.acceptDefault()]);
    const result = await runWizard(steps, recordingExecute(), {}, prompter);
    const [, , extras, nameAgain, regionAgain, nameFresh] = prompter.asked;
    assert.equal(extras.kind, 'pickMany');
    assert.equal(nameAgain.kind, 'input');
    assert.equal(nameAgain.value, 'city-break', 'the name box reopens with the name typed before');
    assert.deepEqual(regionAgain.items?.filter((i) => i.isDefault).map((i) => i.label), ['westeurope'], 'the region picked before is the default');
    assert.equal(regionAgain.canGoBack, false);
    assert.equal(nameFresh.value, 'trip-westeurope', 'answers after the step gone back to are forgotten');
    assert.equal(result, 'westeurope/trip-westeurope/insurance');
  });

  it('goes Back to the context as it was before the step asked again, so a replaced choice leaves nothing behind', async () => {
    // One step, two exclusive answers in separate fields: the shape that once sent a restore point to the old collection.
    interface StayContext {
      hotel?: string;
      newTent?: boolean;
      nights?: string;
    }
    const whereStep: PromptStep<StayContext> = {
      shouldPrompt: (ctx) => ctx.hotel === undefined && ctx.newTent === undefined,
      async prompt(ctx, prompter, earlier) {
        const where = await prompter.pickOne({ items: [{ label: 'Grand Hotel', value: 'hotel' }, { label: 'Pitch a tent', value: 'tent' }], isDefault: (w) => (w === 'hotel') === (earlier?.hotel !== undefined) });
        if (where === BACK) return BACK;
        if (where === 'hotel') ctx.hotel = 'Grand Hotel';
        else ctx.newTent = true;
      },
    };
    const nightsStep: PromptStep<StayContext> = {
      shouldPrompt: (ctx) => ctx.nights === undefined,
      async prompt(ctx, prompter) {
        const nights = await prompter.input({ value: '2' });
        if (nights === BACK) return BACK;
        ctx.nights = nights;
      },
    };
    const seen: StayContext[] = [];
    const prompter = new ScriptedPrompter([answer.pick('Grand Hotel'), answer.back(), answer.pick('Pitch a tent'), answer.acceptDefault()]);
    await runWizard([whereStep, nightsStep], { execute: async (ctx) => void seen.push({ ...ctx }) }, {}, prompter);
    assert.deepEqual(seen, [{ newTent: true, nights: '2' }], 'the hotel chosen first is forgotten');
    assert.deepEqual(prompter.asked[2].items?.filter((i) => i.isDefault).map((i) => i.label), ['Grand Hotel'], 'the earlier answer is still offered as the default');
  });

  it('goes Back over pre-filled steps to the step asked before', async () => {
    const prompter = new ScriptedPrompter([answer.pick('eastus'), answer.back(), answer.pick('westus'), answer.acceptDefault()]);
    const result = await runWizard(steps, recordingExecute(), { name: 'fixed' }, prompter);
    assert.deepEqual(prompter.asked.map((a) => a.kind), ['pickOne', 'pickMany', 'pickOne', 'pickMany']);
    assert.equal(result, 'westus/fixed/insurance');
  });

  for (let at = 0; at < steps.length; at++) {
    it(`Escape at step ${at + 1} ends the wizard with nothing executed`, async () => {
      const before = [answer.pick('eastus'), answer.input('x'), answer.acceptDefault()].slice(0, at);
      const prompter = new ScriptedPrompter([...before, answer.escape()]);
      const execute = recordingExecute();
      await assert.rejects(runWizard(steps, execute, {}, prompter), (e) => isUserCancelled(e));
      assert.equal(execute.calls.length, 0);
      assert.equal(prompter.asked.length, at + 1);
    });
  }

  it('keeps an input open until the text passes validation, recording what it said', async () => {
    const prompter = new ScriptedPrompter([answer.pick('eastus'), answer.input('Bad Name', 'good-name'), answer.acceptDefault()]);
    const result = await runWizard(steps, recordingExecute(), {}, prompter);
    assert.deepEqual(prompter.asked[1].validationMessages, ['Lowercase letters and hyphens only.']);
    assert.equal(result, 'eastus/good-name/insurance');
  });

  it('shows disabled items with their reason and keeps their state', async () => {
    const prompter = new ScriptedPrompter([answer.pickMany('breakfast')]);
    await assert.rejects(runWizard(steps, recordingExecute(), { region: 'eastus', name: 'n' }, prompter), /'insurance' cannot be unchecked: Always included\./);
    assert.deepEqual(prompter.asked[0].items?.[0], { label: 'insurance', description: undefined, detail: undefined, picked: true, disabledReason: 'Always included.', isDefault: undefined });
  });

  it('refuses a scripted Back where no Back button is shown', async () => {
    const prompter = new ScriptedPrompter([answer.back()]);
    await assert.rejects(runWizard(steps, recordingExecute(), {}, prompter), /offers no Back button/);
  });

  it('passes a declined confirmation on as a cancellation and a typed one as consent', async () => {
    const confirmStep: PromptStep<{ ok?: boolean }> = {
      shouldPrompt: () => true,
      async prompt(ctx, prompter: Prompter) {
        const ok = await prompter.confirm({ message: "Delete 'rpc-1' and its 3 restore points?", confirmLabel: 'Delete', typeToConfirm: 'rpc-1' });
        if (ok === BACK) return BACK;
        ctx.ok = ok;
      },
    };
    const typed = new ScriptedPrompter([answer.input('rpc', 'rpc-1')]);
    assert.equal(await runWizard([confirmStep], { execute: async (ctx) => ctx.ok }, {}, typed), true);
    assert.deepEqual(typed.asked[0].validationMessages, ["Type 'rpc-1' exactly to confirm."]);
    const declined = new ScriptedPrompter([answer.escape()]);
    await assert.rejects(runWizard([confirmStep], { execute: async () => assert.fail('executed') }, {}, declined), (e) => isUserCancelled(e));
  });
});
