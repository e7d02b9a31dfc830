import * as os from 'node:os';
import * as vscode from 'vscode';
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
} from './prompter';

interface QuickItem<T> extends vscode.QuickPickItem {
  item: PickItem<T>;
}

function toQuickItem<T>(item: PickItem<T>): QuickItem<T> {
  const reason = item.disabledReason;
  return {
    label: reason ? `$(lock) ${item.label}` : item.label,
    description: item.description,
    // The reason goes where it is read: under the label.
    detail: reason ? [item.detail, reason].filter(Boolean).join(' — ') : item.detail,
    picked: item.picked,
    item,
  };
}

/** Settles once, then disposes the input and its listeners. */
function settleOnce<R>(input: vscode.QuickInput, disposables: vscode.Disposable[], resolve: (r: R) => void, reject: (e: unknown) => void) {
  let settled = false;
  const finish = (action: () => void): void => {
    if (settled) return;
    settled = true;
    action();
    for (const d of disposables) d.dispose();
    input.dispose();
  };
  return {
    resolve: (r: R) => finish(() => resolve(r)),
    reject: (e: unknown) => finish(() => reject(e)),
  };
}

function applyBase(input: vscode.QuickInput, prompt: PromptBase): void {
  input.title = prompt.title;
  input.step = prompt.step;
  input.totalSteps = prompt.totalSteps;
  // Looking something up in another window must not lose the answers given so far.
  input.ignoreFocusOut = true;
}

/** The Prompter of the running extension: QuickPick and InputBox, with Back and busy states. */
export class VSCodePrompter implements Prompter {
  pickOne<T>(prompt: PickOnePrompt<T>): Promise<Answer<T>> {
    return this.pick(prompt, false).then((picked) => (picked === BACK ? BACK : picked[0]));
  }

  pickMany<T>(prompt: PickManyPrompt<T>): Promise<Answer<T[]>> {
    return this.pick(prompt, true);
  }

  private pick<T>(prompt: PickOnePrompt<T> | PickManyPrompt<T>, many: boolean): Promise<Answer<T[]>> {
    const qp = vscode.window.createQuickPick<QuickItem<T>>();
    applyBase(qp, prompt);
    qp.placeholder = prompt.placeholder;
    qp.canSelectMany = many;
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    qp.buttons = prompt.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    qp.busy = true;
    const disposables: vscode.Disposable[] = [];
    return new Promise<Answer<T[]>>((resolve, reject) => {
      const done = settleOnce<Answer<T[]>>(qp, disposables, resolve, reject);
      let locked: QuickItem<T>[] = [];
      disposables.push(
        qp.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) done.resolve(BACK);
        }),
        qp.onDidHide(() => done.reject(new UserCancelledError(prompt.title))),
        qp.onDidChangeSelection((selected) => {
          if (!many) return;
          // Disabled items keep their state whatever the user clicks.
          const fixed = [...selected.filter((i) => !i.item.disabledReason), ...locked.filter((i) => i.item.picked)];
          if (fixed.length !== selected.length || fixed.some((i) => !selected.includes(i))) qp.selectedItems = fixed;
        }),
        qp.onDidAccept(() => {
          if (qp.busy) return;
          if (many) {
            done.resolve(qp.selectedItems.map((i) => i.item.value));
            return;
          }
          const chosen = qp.selectedItems[0] ?? qp.activeItems[0];
          if (chosen && !chosen.item.disabledReason) done.resolve([chosen.item.value]);
        }),
      );
      qp.show();
      Promise.resolve(prompt.items).then(
        (items) => {
          const quickItems = items.map(toQuickItem);
          locked = quickItems.filter((i) => i.item.disabledReason);
          qp.items = quickItems;
          if (many) qp.selectedItems = quickItems.filter((i) => i.item.picked);
          const isDefault = 'isDefault' in prompt ? prompt.isDefault : undefined;
          const active = isDefault ? quickItems.find((i) => isDefault(i.item.value)) : undefined;
          if (active) qp.activeItems = [active];
          qp.busy = false;
        },
        (error: unknown) => done.reject(error),
      );
    });
  }

  input(prompt: InputPrompt): Promise<Answer<string>> {
    const box = vscode.window.createInputBox();
    applyBase(box, prompt);
    box.prompt = prompt.prompt;
    box.placeholder = prompt.placeholder;
    box.value = prompt.value ?? '';
    box.buttons = prompt.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    const validate = (value: string): string | undefined => prompt.validate?.(value);
    box.validationMessage = prompt.value ? validate(box.value) : undefined;
    const disposables: vscode.Disposable[] = [];
    return new Promise<Answer<string>>((resolve, reject) => {
      const done = settleOnce<Answer<string>>(box, disposables, resolve, reject);
      disposables.push(
        box.onDidChangeValue((value) => {
          box.validationMessage = validate(value);
        }),
        box.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) done.resolve(BACK);
        }),
        box.onDidAccept(() => {
          const message = validate(box.value);
          box.validationMessage = message;
          if (!message) done.resolve(box.value);
        }),
        box.onDidHide(() => done.reject(new UserCancelledError(prompt.title))),
      );
      box.show();
    });
  }

  async confirm(prompt: ConfirmPrompt): Promise<Answer<true>> {
    const expected = prompt.typeToConfirm;
    if (expected !== undefined) {
      const typed = await this.input({
        ...prompt,
        prompt: `${prompt.message} Type '${expected}' to confirm.`,
        placeholder: expected,
        validate: (value) => (value === expected ? undefined : `Type '${expected}' exactly to confirm.`),
      });
      return typed === BACK ? BACK : true;
    }
    const back = vscode.l10n.t('Back');
    const buttons = prompt.canGoBack ? [prompt.confirmLabel, back] : [prompt.confirmLabel];
    const choice = await vscode.window.showWarningMessage(prompt.message, { modal: true, detail: prompt.detail }, ...buttons);
    if (choice === back) return BACK;
    if (choice !== prompt.confirmLabel) throw new UserCancelledError(prompt.title);
    return true;
  }

  async saveLocation(prompt: SaveLocationPrompt): Promise<Answer<string>> {
    const start = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
    if (prompt.folder) {
      const [folder] = (await vscode.window.showOpenDialog({ title: prompt.title, canSelectFiles: false, canSelectFolders: true, canSelectMany: false, defaultUri: start, openLabel: vscode.l10n.t('Save Here') })) ?? [];
      if (!folder) throw new UserCancelledError(prompt.title);
      return folder.fsPath;
    }
    const file = await vscode.window.showSaveDialog({ title: prompt.title, defaultUri: vscode.Uri.joinPath(start, prompt.defaultName), filters: prompt.filters });
    if (!file) throw new UserCancelledError(prompt.title);
    return file.fsPath;
  }
}
