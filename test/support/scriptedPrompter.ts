import {
  BACK,
  UserCancelledError,
  type Answer,
  type ConfirmPrompt,
  type InputPrompt,
  type PickItem,
  type PickManyPrompt,
  type PickOnePrompt,
  type Prompter,
  type PromptBase,
  type SaveLocationPrompt,
} from '../../src/commands/wizard/prompter';

export type ScriptedAnswer =
  | { kind: 'pick'; label: string }
  | { kind: 'pickMany'; labels: string[] }
  | { kind: 'input'; attempts: string[] }
  | { kind: 'acceptDefault' }
  | { kind: 'confirm' }
  | { kind: 'back' }
  | { kind: 'escape' }
  | { kind: 'saveAs'; path: string };

/** The answers a test scripts, in the order the wizard asks. */
export const answer = {
  /** pickOne: the item with this label. */
  pick: (label: string): ScriptedAnswer => ({ kind: 'pick', label }),
  /** pickMany: exactly these labels checked, besides disabled items, which keep their state. */
  pickMany: (...labels: string[]): ScriptedAnswer => ({ kind: 'pickMany', labels }),
  /** input: types each text in turn; those that fail validation are recorded, the first valid one is accepted. */
  input: (...attempts: string[]): ScriptedAnswer => ({ kind: 'input', attempts }),
  /** Accepts what the prompt offers: the default item, the pre-checked items, the pre-filled text. */
  acceptDefault: (): ScriptedAnswer => ({ kind: 'acceptDefault' }),
  /** confirm: presses the confirm button, or types the name asked for. */
  confirm: (): ScriptedAnswer => ({ kind: 'confirm' }),
  back: (): ScriptedAnswer => ({ kind: 'back' }),
  escape: (): ScriptedAnswer => ({ kind: 'escape' }),
  /** saveLocation: the file (or folder) chosen in the dialog. */
  saveAs: (path: string): ScriptedAnswer => ({ kind: 'saveAs', path }),
};

export interface AskedItem {
  label: string;
  description?: string;
  detail?: string;
  picked?: boolean;
  disabledReason?: string;
  isDefault?: boolean;
}

/** One prompt as the user would have seen it, and what the script answered. */
export interface AskedPrompt {
  kind: 'pickOne' | 'pickMany' | 'input' | 'confirm' | 'saveLocation';
  title?: string;
  step?: number;
  totalSteps?: number;
  canGoBack?: boolean;
  placeholder?: string;
  prompt?: string;
  message?: string;
  detail?: string;
  confirmLabel?: string;
  typeToConfirm?: string;
  items?: AskedItem[];
  /** The file name a save dialog offered. */
  defaultName?: string;
  /** The text an input box opened with. */
  value?: string;
  /** What validation said about each rejected attempt. */
  validationMessages: string[];
  answered: ScriptedAnswer['kind'];
}

/** A Prompter that answers from a script and records every prompt. */
export class ScriptedPrompter implements Prompter {
  readonly asked: AskedPrompt[] = [];
  private readonly script: ScriptedAnswer[];

  constructor(script: readonly ScriptedAnswer[]) {
    this.script = [...script];
  }

  /** Answers the script has not used yet. */
  get unused(): readonly ScriptedAnswer[] {
    return this.script;
  }

  private next(record: AskedPrompt): ScriptedAnswer {
    const next = this.script.shift();
    if (!next) throw new Error(`The script has no answer for ${record.kind} '${record.title ?? record.message ?? ''}' (step ${record.step ?? '?'}).`);
    record.answered = next.kind;
    this.asked.push(record);
    return next;
  }

  private base(kind: AskedPrompt['kind'], p: PromptBase): AskedPrompt {
    return { kind, title: p.title, step: p.step, totalSteps: p.totalSteps, canGoBack: p.canGoBack, validationMessages: [], answered: 'escape' };
  }

  /** Back and Escape, which every prompt handles alike; undefined for the other answers. */
  private common(a: ScriptedAnswer, record: AskedPrompt): Back | undefined {
    if (a.kind === 'escape') throw new UserCancelledError(record.title);
    if (a.kind === 'back') {
      if (!record.canGoBack) throw new Error(`The script answered Back to '${record.title ?? ''}', which offers no Back button.`);
      return BACK;
    }
    return undefined;
  }

  private static items<T>(items: readonly PickItem<T>[], isDefault?: (value: T) => boolean): AskedItem[] {
    return items.map((i) => ({ label: i.label, description: i.description, detail: i.detail, picked: i.picked, disabledReason: i.disabledReason, isDefault: isDefault?.(i.value) }));
  }

  private static mismatch(a: ScriptedAnswer, record: AskedPrompt): Error {
    return new Error(`The script answered '${a.kind}' to ${record.kind} '${record.title ?? record.message ?? ''}'.`);
  }

  async pickOne<T>(p: PickOnePrompt<T>): Promise<Answer<T>> {
    const items = await p.items;
    const record = { ...this.base('pickOne', p), placeholder: p.placeholder, items: ScriptedPrompter.items(items, p.isDefault) };
    const a = this.next(record);
    const common = this.common(a, record);
    if (common) return common;
    const chosen = a.kind === 'acceptDefault' ? items.find((i) => p.isDefault?.(i.value)) : a.kind === 'pick' ? items.find((i) => i.label === a.label) : undefined;
    if (a.kind !== 'pick' && a.kind !== 'acceptDefault') throw ScriptedPrompter.mismatch(a, record);
    if (!chosen) throw new Error(`'${p.title ?? ''}' offers no ${a.kind === 'pick' ? `item '${a.label}'` : 'default'}; it offers ${items.map((i) => `'${i.label}'`).join(', ')}.`);
    if (chosen.disabledReason) throw new Error(`'${chosen.label}' cannot be chosen: ${chosen.disabledReason}`);
    return chosen.value;
  }

  async pickMany<T>(p: PickManyPrompt<T>): Promise<Answer<T[]>> {
    const items = await p.items;
    const record = { ...this.base('pickMany', p), placeholder: p.placeholder, items: ScriptedPrompter.items(items) };
    const a = this.next(record);
    const common = this.common(a, record);
    if (common) return common;
    if (a.kind === 'acceptDefault') return items.filter((i) => i.picked).map((i) => i.value);
    if (a.kind !== 'pickMany') throw ScriptedPrompter.mismatch(a, record);
    const unknown = a.labels.filter((l) => !items.some((i) => i.label === l));
    if (unknown.length) throw new Error(`'${p.title ?? ''}' offers no item ${unknown.map((l) => `'${l}'`).join(', ')}.`);
    const changedLocked = items.find((i) => i.disabledReason && !!i.picked !== a.labels.includes(i.label));
    if (changedLocked) throw new Error(`'${changedLocked.label}' cannot be ${changedLocked.picked ? 'unchecked' : 'checked'}: ${changedLocked.disabledReason}`);
    return items.filter((i) => a.labels.includes(i.label)).map((i) => i.value);
  }

  private typed(a: ScriptedAnswer, record: AskedPrompt, initial: string, validate?: (value: string) => string | undefined): string {
    const attempts = a.kind === 'acceptDefault' ? [initial] : a.kind === 'input' ? a.attempts : undefined;
    if (!attempts) throw ScriptedPrompter.mismatch(a, record);
    for (const text of attempts) {
      const message = validate?.(text);
      if (!message) return text;
      record.validationMessages.push(message);
    }
    throw new Error(`Every text typed into '${record.title ?? ''}' was refused: ${record.validationMessages.join(' | ')}`);
  }

  async input(p: InputPrompt): Promise<Answer<string>> {
    const record = { ...this.base('input', p), placeholder: p.placeholder, prompt: p.prompt, value: p.value };
    const a = this.next(record);
    return this.common(a, record) ?? this.typed(a, record, p.value ?? '', p.validate);
  }

  async confirm(p: ConfirmPrompt): Promise<Answer<true>> {
    const typed = p.typeToConfirm !== undefined;
    const record = { ...this.base('confirm', p), message: p.message, detail: p.detail, confirmLabel: p.confirmLabel, typeToConfirm: p.typeToConfirm };
    const a = this.next(record);
    const common = this.common(a, record);
    if (common) return common;
    if (a.kind === 'confirm') return true;
    if (typed && a.kind === 'input') {
      this.typed(a, record, '', (v) => (v === p.typeToConfirm ? undefined : `Type '${p.typeToConfirm}' exactly to confirm.`));
      return true;
    }
    throw ScriptedPrompter.mismatch(a, record);
  }

  async saveLocation(p: SaveLocationPrompt): Promise<Answer<string>> {
    const record = { ...this.base('saveLocation', p), defaultName: p.defaultName };
    const a = this.next(record);
    const common = this.common(a, record);
    if (common) return common;
    if (a.kind !== 'saveAs') throw ScriptedPrompter.mismatch(a, record);
    return a.path;
  }
}

type Back = typeof BACK;
