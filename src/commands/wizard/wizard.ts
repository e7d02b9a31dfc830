import { BACK, type Answer, type Prompter, type PromptPosition } from './prompter';

/**
 * One question of a wizard. `prompt` writes its answer into the context and returns BACK when the
 * user went back. Steps assign context fields rather than mutating objects in them, so that Back
 * can restore the context as it was.
 */
export interface PromptStep<C> {
  /** False when the answer is already there (from a tree node or a test) or not needed. */
  shouldPrompt(ctx: C): boolean;
  /**
   * `earlier` is set when the user came Back to this step: the context as this step's previous
   * answer left it. The step may offer that answer as the default; `ctx` no longer holds it.
   */
  prompt(ctx: C, prompter: Prompter, earlier?: Readonly<C>): Promise<Answer<void>>;
}

/** What the wizard does once every question is answered. */
export interface ExecuteStep<C, R> {
  execute(ctx: C): Promise<R>;
}

export interface WizardOptions {
  /** Shown on every prompt that has no title of its own. */
  title?: string;
}

function restore<C extends object>(ctx: C, snapshot: C): void {
  for (const key of Object.keys(ctx)) if (!(key in snapshot)) delete (ctx as Record<string, unknown>)[key];
  Object.assign(ctx, snapshot);
}

function positioned(prompter: Prompter, title: string | undefined, position: PromptPosition): Prompter {
  return {
    pickOne: (p) => prompter.pickOne({ title, ...p, ...position }),
    pickMany: (p) => prompter.pickMany({ title, ...p, ...position }),
    input: (p) => prompter.input({ title, ...p, ...position }),
    confirm: (p) => prompter.confirm({ title, ...p, ...position }),
    saveLocation: (p) => prompter.saveLocation({ title, ...p, ...position }),
  };
}

/**
 * Asks the steps in order, skipping those that need no answer, then executes. Back re-asks the
 * previous step that was asked with the context as it was before that step was first asked, as
 * vscode-azuretools' AzureWizard does: whatever that step and the ones after it set is gone, so a
 * choice it replaces (an existing collection, then "create one") leaves nothing behind. Its earlier
 * answer is passed to it separately, as a default to offer. Escape (UserCancelledError from the
 * prompter) ends the wizard before anything is executed.
 */
export async function runWizard<C extends object, R>(steps: readonly PromptStep<C>[], execute: ExecuteStep<C, R>, ctx: C, prompter: Prompter, options: WizardOptions = {}): Promise<R> {
  const asked: { index: number; before: C; after: C }[] = [];
  let index = 0;
  let again: { index: number; earlier?: C } | undefined;
  while (index < steps.length) {
    const step = steps[index];
    const repeat = again?.index === index ? again : undefined;
    again = undefined;
    if (!repeat && !step.shouldPrompt(ctx)) {
      index++;
      continue;
    }
    const before = { ...ctx };
    const later = steps.slice(index + 1).filter((s) => s.shouldPrompt(ctx)).length;
    const position: PromptPosition = { step: asked.length + 1, totalSteps: asked.length + 1 + later, canGoBack: asked.length > 0 };
    const answer = await step.prompt(ctx, positioned(prompter, options.title, position), repeat?.earlier);
    if (answer === BACK) {
      const previous = asked.pop();
      if (previous) {
        restore(ctx, previous.before);
        again = { index: previous.index, earlier: previous.after };
        index = previous.index;
      } else {
        restore(ctx, before);
        again = { index, earlier: repeat?.earlier };
      }
      continue;
    }
    asked.push({ index, before, after: { ...ctx } });
    index++;
  }
  return execute.execute(ctx);
}
